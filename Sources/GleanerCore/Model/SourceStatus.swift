import Foundation

/// The health of one configured source, as `gleanerctl sources` shows it and as it is kept
/// in the store between runs (the validators survive restarts).
public struct SourceStatus: Codable, Sendable, Hashable {
    public var name: String
    public var url: String
    public var kind: SourceRef.Kind
    public var lastFetch: Date?
    /// The HTTP status of the last answer, when there was one.
    public var httpStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextDue: Date?
    public var etag: String?
    public var lastModified: String?
    /// Articles this source has produced (new articles, versions and sightings), in all runs.
    public var articlesFound: Int

    public init(
        name: String, url: String, kind: SourceRef.Kind, lastFetch: Date? = nil, httpStatus: Int? = nil,
        lastError: String? = nil, consecutiveFailures: Int = 0, nextDue: Date? = nil, etag: String? = nil,
        lastModified: String? = nil, articlesFound: Int = 0
    ) {
        self.name = name
        self.url = url
        self.kind = kind
        self.lastFetch = lastFetch
        self.httpStatus = httpStatus
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
        self.etag = etag
        self.lastModified = lastModified
        self.articlesFound = articlesFound
    }

    /// A source is failing while its last attempt failed.
    public var isFailing: Bool { consecutiveFailures > 0 }
}
