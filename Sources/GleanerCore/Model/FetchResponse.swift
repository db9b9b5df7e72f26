/// What a server answered to one `FetchRequest`, after redirects, with the body decoded
/// (gzip, deflate, brotli undone). Any status is a response; deciding what a 404 or a 304
/// means is the caller's business.
public struct FetchResponse: Sendable, Hashable {
    /// The address asked for.
    public var requestedURL: String
    /// The address that answered, after redirects.
    public var finalURL: String
    public var status: Int
    /// Header names in lower case; a header sent several times has its values joined by ", ".
    public var headers: [String: String]
    public var body: [UInt8]
    /// Bytes received on the wire for this answer (headers and body, before decoding).
    public var wireBytes: Int
    /// "1.1", "2" or "3", as the transfer used.
    public var httpVersion: String?

    public init(
        requestedURL: String, finalURL: String, status: Int, headers: [String: String], body: [UInt8],
        wireBytes: Int, httpVersion: String?
    ) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.wireBytes = wireBytes
        self.httpVersion = httpVersion
    }

    public var contentType: String? { headers["content-type"] }
    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
}
