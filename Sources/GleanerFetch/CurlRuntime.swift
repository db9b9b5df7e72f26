import CCurl

/// libcurl as a process-wide library: its one-time global initialization and what the linked
/// build can do (version, TLS library, compression, HTTP/2).
///
/// Owns nothing but the once-only outcome of `curl_global_init`, kept in a `static let` (which
/// Swift initializes exactly once, thread-safely), so callers on any thread may call
/// `initialize()` as often as they like.
public enum CurlRuntime {
    private static let initialization: Result<Void, CurlError> = {
        let code = gleaner_curl_global_init_all()
        guard code == CURLE_OK else {
            return .failure(CurlError(code: code, operation: "curl_global_init"))
        }
        return .success(())
    }()

    /// Runs `curl_global_init` the first time; later calls return (or throw) the same outcome.
    public static func initialize() throws(CurlError) {
        try initialization.get()
    }

    /// libcurl's own summary, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13 brotli/1.0.9 nghttp2/1.52.0`.
    public static var version: String {
        guard let text = curl_version() else { return "libcurl (unknown version)" }
        return String(cString: text)
    }

    /// The version number alone, e.g. `7.88.1`.
    public static var versionNumber: String {
        guard let info = gleaner_curl_version_info(), let text = info.pointee.version else { return "unknown" }
        return String(cString: text)
    }

    /// Feature names as libcurl spells them (`HTTP2`, `brotli`, `libz`, `IPv6`, `AsynchDNS`, ...).
    public static var features: [String] {
        guard let info = gleaner_curl_version_info() else { return [] }
        if info.pointee.age.rawValue >= CURLVERSION_ELEVENTH.rawValue, let names = info.pointee.feature_names {
            return strings(names)
        }
        // Before 7.87 libcurl only had the bit mask; name the bits Gleaner cares about.
        let bits = Int(info.pointee.features)
        let known: [(Int32, String)] = [
            (CURL_VERSION_IPV6, "IPv6"), (CURL_VERSION_SSL, "SSL"), (CURL_VERSION_LIBZ, "libz"),
            (CURL_VERSION_ASYNCHDNS, "AsynchDNS"), (CURL_VERSION_LARGEFILE, "Largefile"),
            (CURL_VERSION_HTTP2, "HTTP2"), (CURL_VERSION_BROTLI, "brotli"), (CURL_VERSION_ZSTD, "zstd"),
        ]
        return known.filter { bits & Int($0.0) != 0 }.map(\.1)
    }

    /// The content encodings this libcurl decodes, as `Accept-Encoding` names them: what
    /// `CURLOPT_ACCEPT_ENCODING ""` offers (for the daemon's start-up log and for tests).
    public static var encodings: [String] {
        let have = Set(features)
        var names: [String] = []
        if have.contains("libz") { names += ["deflate", "gzip"] }
        if have.contains("brotli") { names.append("br") }
        if have.contains("zstd") { names.append("zstd") }
        return names
    }

    /// Whether this libcurl can speak HTTP/2 (negotiated over TLS where the server offers it).
    public static var supportsHTTP2: Bool { features.contains("HTTP2") }

    /// Protocols the build speaks (`http`, `https`, ...).
    public static var protocols: [String] {
        guard let info = gleaner_curl_version_info(), let names = info.pointee.protocols else { return [] }
        return strings(names)
    }

    /// A NULL-terminated C array of C strings, as libcurl's version info holds them.
    private static func strings(_ list: UnsafePointer<UnsafePointer<CChar>?>) -> [String] {
        var result: [String] = []
        var cursor = list
        while let name = cursor.pointee {
            result.append(String(cString: name))
            cursor += 1
        }
        return result
    }
}
