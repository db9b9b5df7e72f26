/// One HTTP GET the fetcher is asked to make, with the validators of the last answer so the
/// server can say "not modified".
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    /// The `ETag` of the last answer, sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last answer, sent as `If-Modified-Since`.
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}
