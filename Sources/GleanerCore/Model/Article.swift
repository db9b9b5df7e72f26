import Foundation

/// A stored article: the current version's fields at the top level, every version in full in
/// `versions`, and every later arrival in `sightings`. This is the document on disk, in
/// `gleanerctl show` and in each line of `gleanerctl export`.
///
/// The current fields are an `ArticleDraft` (`content`), reachable directly as
/// `article.headline`, `article.url`… so the two types never list the fields twice.
@dynamicMemberLookup
public struct Article: Sendable, Hashable {
    /// The on-disk format number this build writes and the only one it reads.
    public static let currentFormat = 1

    public var format: Int = Article.currentFormat
    public var id: String
    /// The current version's descriptive fields and body.
    public var content: ArticleDraft
    public var version: Int
    public var firstSeen: Date
    public var lastSeen: Date
    public var versions: [ArticleVersion]
    public var sightings: [Sighting] = []

    public init(id: String, draft: ArticleDraft, firstVersion: ArticleVersion) {
        self.id = id
        self.content = draft
        self.content.sameAs.removeAll { $0 == draft.url }
        self.version = firstVersion.version
        self.firstSeen = firstVersion.capturedAt
        self.lastSeen = firstVersion.capturedAt
        self.versions = [firstVersion]
    }

    /// The version the top-level fields are: usually the last, an earlier one after the content
    /// returned to it (see `Sighting.returnedTo`).
    public var currentVersion: ArticleVersion? {
        versions.last { $0.version == version } ?? versions.last
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<ArticleDraft, Value>) -> Value {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }

    /// Takes the descriptive fields of `draft` as the current ones. The body is versioned by
    /// the caller; the URL is kept when the draft has none, and `sameAs` only grows.
    public mutating func adoptMetadata(of draft: ArticleDraft) {
        let body = content.articleBody
        let known = content.sameAs
        let url = draft.url ?? content.url
        content = draft
        content.articleBody = body
        content.url = url
        content.sameAs = known
        for other in draft.sameAs where other != url && !content.sameAs.contains(other) {
            content.sameAs.append(other)
        }
    }
}
