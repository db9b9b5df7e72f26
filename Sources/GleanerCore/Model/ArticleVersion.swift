import Foundation

/// One captured state of an article's content, kept in full for ever.
public struct ArticleVersion: Codable, Sendable, Hashable {
    public var version: Int
    public var capturedAt: Date
    public var source: SourceRef
    /// `sha256:` and the hex digest of the normalized body (see `ContentNormalizer`).
    public var contentHash: String
    public var headline: String?
    public var articleBody: String

    public init(
        version: Int, capturedAt: Date, source: SourceRef, contentHash: String, headline: String?,
        articleBody: String
    ) {
        self.version = version
        self.capturedAt = capturedAt
        self.source = source
        self.contentHash = contentHash
        self.headline = headline
        self.articleBody = articleBody
    }
}
