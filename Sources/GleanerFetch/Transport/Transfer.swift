import CCurl
import GleanerCore

/// One running transfer: its libcurl easy handle and everything the callbacks fill in (body,
/// response headers, the reason an address was refused). Lives on the loop thread only; the
/// callbacks run there too, inside `curl_multi_perform`, and reach this object through the
/// userdata pointer, which stays valid because the runner keeps the transfer alive until the
/// handle is removed from the multi handle and cleaned up.
final class Transfer {
    let job: TransferJob
    let easy: UnsafeMutableRawPointer
    let maxBodySize: Int
    let allowPrivateNetworks: Bool
    /// Where the easy handle goes back when the transfer is released.
    private let pool: EasyHandlePool

    /// Decoded body bytes; grows only as data arrives and never past `maxBodySize`.
    var body: [UInt8] = []
    /// Set when the write callback refused bytes because the body would pass the limit.
    var bodyLimitHit = false
    /// Header lines of the latest response (a redirect's headers are dropped when the next
    /// response starts).
    var headerLines: [(name: String, value: String)] = []
    /// Why the open-socket callback refused each address it refused (a name can resolve to
    /// several), for the error message.
    var refusals: [String] = []

    /// libcurl writes its specific error text here (`CURLOPT_ERRORBUFFER`).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// `If-None-Match` and friends; must outlive the transfer.
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?

    init(job: TransferJob, settings: TransportSettings, pool: EasyHandlePool) throws(FetchError) {
        guard let easy = pool.take() else {
            throw FetchError(kind: .transport, url: job.request.url, message: "curl_easy_init failed (out of memory?)")
        }
        self.job = job
        self.easy = easy
        self.pool = pool
        self.maxBodySize = max(0, settings.maxBodySize)
        self.allowPrivateNetworks = settings.allowPrivateNetworks
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        do {
            try configure(settings)
        } catch {
            release()
            throw FetchError(
                kind: .transport, url: job.request.url, message: error.description, curlCode: Int32(error.code.rawValue))
        }
    }

    /// Hands the easy handle back to the pool (which resets or frees it) and frees what it
    /// pointed to; call once, after removal from the multi handle.
    func release() {
        pool.give(easy)
        if let requestHeaders { curl_slist_free_all(requestHeaders) }
        requestHeaders = nil
        errorBuffer.deallocate()
    }

    var url: String { job.request.url }

    /// The text libcurl left in the error buffer, or "" when it wrote none.
    var errorDetail: String { String(cString: errorBuffer) }

    private func configure(_ settings: TransportSettings) throws(CurlError) {
        let url = job.request.url
        try set(CURLOPT_URL, url)
        // Signals are the daemon's; libcurl must not install handlers or use alarm() for timeouts.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 1)
        try set(CURLOPT_MAXREDIRS, max(0, settings.maxRedirects))
        try set(CURLOPT_USERAGENT, settings.userAgent)
        // "" asks libcurl to offer every encoding it was built with and decode the answer.
        try set(CURLOPT_ACCEPT_ENCODING, "")
        // HTTP/2 where TLS negotiates it; a libcurl built without HTTP/2 refuses the option, and
        // then HTTP/1.1 (the default) is what it speaks anyway, so that refusal is not an error.
        _ = gleaner_curl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Wait for a connection that can multiplex rather than open another to the same host —
        // only for https, the one scheme where HTTP/2 can be negotiated (2TLS). On http libcurl
        // would still hold every other transfer to the host until the first answer showed
        // HTTP/1.1, then start them all at once.
        if job.isHTTPS { try set(CURLOPT_PIPEWAIT, 1) }
        if let caFile = settings.caFile { try set(CURLOPT_CAINFO, caFile) }
        try set(CURLOPT_TIMEOUT_MS, settings.timeout.curlMilliseconds)
        try set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.curlMilliseconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, max(1, settings.lowSpeedLimit))
        try set(CURLOPT_LOW_SPEED_TIME, settings.lowSpeedTime.curlSeconds)
        // Fails early when the server announces a larger body; the write callback still counts
        // decoded bytes, because an announcement can lie or be absent or describe compressed bytes.
        try check(gleaner_curl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBodySize)), "CURLOPT_MAXFILESIZE_LARGE")
        // No proxy, not even one from the environment: the address check must see the server's
        // own address, not a proxy's.
        try set(CURLOPT_PROXY, "")
        try check(gleaner_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")

        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(gleaner_curl_easy_setopt_write_function(easy, Transfer.onBody), "CURLOPT_WRITEFUNCTION")
        try check(gleaner_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "CURLOPT_WRITEDATA")
        try check(gleaner_curl_easy_setopt_header_function(easy, Transfer.onHeader), "CURLOPT_HEADERFUNCTION")
        try check(gleaner_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "CURLOPT_HEADERDATA")
        try check(gleaner_curl_easy_setopt_opensocket_function(easy, Transfer.onOpenSocket), "CURLOPT_OPENSOCKETFUNCTION")
        try check(gleaner_curl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me), "CURLOPT_OPENSOCKETDATA")

        var lines: [String] = []
        if let etag = job.request.etag.flatMap(Transfer.headerValue) { lines.append("If-None-Match: \(etag)") }
        if let date = job.request.lastModified.flatMap(Transfer.headerValue) { lines.append("If-Modified-Since: \(date)") }
        for line in lines {
            guard let list = curl_slist_append(requestHeaders, line) else {
                throw CurlError(code: CURLE_OUT_OF_MEMORY, operation: "curl_slist_append", url: url)
            }
            requestHeaders = list
        }
        if let requestHeaders {
            try check(gleaner_curl_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, requestHeaders), "CURLOPT_HTTPHEADER")
        }
    }

    /// A validator as a header value: line breaks would let a stored value inject headers, so a
    /// value holding one is not sent at all.
    private static func headerValue(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace
        // Unicode scalars, not Characters: "\r\n" is one Character and would match neither alone.
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            return nil
        }
        return trimmed
    }

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(gleaner_curl_easy_setopt_long(easy, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    private func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(gleaner_curl_easy_setopt_string(easy, option, value), "curl_easy_setopt(\(option.rawValue))")
    }

    private func check(_ code: CURLcode, _ operation: String) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(code: code, operation: operation, url: url, detail: errorDetail)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        // isNewline, because "\r\n" is a single Character.
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
