import CCurl

/// A libcurl call that failed: which call, on which URL, and curl's own words for it.
///
/// Keeps the `CURLcode`, the generic `curl_easy_strerror` text and the specific text libcurl
/// wrote into `CURLOPT_ERRORBUFFER` (e.g. "Failed to connect to example.org port 443 after
/// 10001 ms: Timeout was reached"), because the generic text alone rarely says what happened.
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: CURLcode
    /// `curl_easy_strerror(code)`.
    public var message: String
    /// The `CURLOPT_ERRORBUFFER` text; empty when libcurl wrote none.
    public var detail: String
    /// What Gleaner was doing: `curl_easy_perform`, `curl_easy_setopt(CURLOPT_URL)`, ...
    public var operation: String
    public var url: String?

    public init(code: CURLcode, operation: String, url: String? = nil, detail: String = "") {
        self.code = code
        self.message = String(cString: curl_easy_strerror(code))
        self.detail = detail
        self.operation = operation
        self.url = url
    }

    /// Throws a `CurlError` unless `code` is `CURLE_OK`.
    public static func check(
        _ code: CURLcode, _ operation: @autoclosure () -> String, url: String? = nil
    ) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code: code, operation: operation(), url: url) }
    }

    public var description: String {
        var text = operation
        if let url { text += " \(url)" }
        text += ": curl error \(code.rawValue) (\(message))"
        if !detail.isEmpty, detail != message { text += ": \(detail)" }
        return text
    }
}
