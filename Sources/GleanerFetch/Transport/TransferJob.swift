import CCurl
import GleanerCore
import Synchronization

/// One awaited fetch: the request, the host it counts against, and the continuation of the
/// task waiting for it. Shared between that task (and its cancellation handler) and the loop
/// thread; the lock makes sure the answer is delivered exactly once, whichever side finishes
/// first — a cancelled fetch returns at once, and the loop drops the transfer afterwards.
/// Because that lock already guarantees one resumption, the continuation is an unchecked
/// `UnsafeContinuation`: the checked kind would add an allocation and a check per fetch.
final class TransferJob: Sendable {
    typealias Outcome = Result<FetchResponse, FetchError>

    let request: FetchRequest
    /// The lower-cased host name of the requested URL: the key of the per-host limit.
    let host: String
    /// Whether the requested URL is https (HTTP/2 can only be negotiated there).
    let isHTTPS: Bool
    private let state = Mutex(State())

    private struct State {
        var continuation: UnsafeContinuation<Outcome, Never>?
        /// An outcome that arrived before the continuation did (cancelled before submission).
        var early: Outcome?
        var finished = false
    }

    /// Checks the URL before anything reaches libcurl: it must parse, and its scheme must be
    /// http or https.
    init(request: FetchRequest) throws(FetchError) {
        self.request = request
        (self.host, self.isHTTPS) = try URLCheck.hostAndTLS(of: request.url)
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// Hands over the continuation; false when the job already finished (then the continuation
    /// has been resumed with that outcome and the job must not be submitted).
    func install(_ continuation: UnsafeContinuation<Outcome, Never>) -> Bool {
        let early: Outcome? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    /// Delivers the outcome unless one was delivered already; later calls are ignored.
    func finish(_ outcome: Outcome) {
        let continuation: UnsafeContinuation<Outcome, Never>? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            guard let continuation = state.continuation else {
                state.early = outcome
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(returning: outcome)
    }
}

/// Parses a URL with libcurl's own parser (so Gleaner and libcurl agree on what the host is)
/// and enforces the http/https rule before a transfer is created.
enum URLCheck {
    static func host(of url: String) throws(FetchError) -> String {
        try hostAndTLS(of: url).host
    }

    /// The lower-cased host, and whether the scheme is https.
    static func hostAndTLS(of url: String) throws(FetchError) -> (host: String, https: Bool) {
        guard let handle = curl_url() else {
            throw FetchError(kind: .transport, url: url, message: "curl_url: out of memory")
        }
        defer { curl_url_cleanup(handle) }
        let code = curl_url_set(handle, CURLUPART_URL, url, 0)
        guard code == CURLUE_OK else {
            let reason = curl_url_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
            throw FetchError(kind: .transport, url: url, message: "not a valid URL: \(reason)")
        }
        let scheme = part(handle, CURLUPART_SCHEME)?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https" else {
            throw FetchError(
                kind: .refusedScheme, url: url,
                message: "refused: only http and https URLs are fetched, found \(scheme):")
        }
        guard let host = part(handle, CURLUPART_HOST), !host.isEmpty else {
            throw FetchError(kind: .transport, url: url, message: "not a valid URL: no host")
        }
        return (host.lowercased(), scheme == "https")
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &text, 0) == CURLUE_OK, let text else { return nil }
        defer { curl_free(text) }
        return String(cString: text)
    }
}
