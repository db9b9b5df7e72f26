import Foundation

/// A stored article: the current version's fields at the top level, every version in full in
/// `versions`, and every later arrival in `sightings`. This is the document on disk, in
/// `gleanerctl show` and in each line of `gleanerctl export`.
public struct Article: Sendable, Hashable {
    /// The on-disk format number this build writes and the only one it reads.
    public static let currentFormat = 1

    public var format: Int = Article.currentFormat
    public var id: String
    public var url: String?
    public var sameAs: [String] = []
    public var headline: String?
    public var alternativeHeadline: String?
    public var author: [String] = []
    public var datePublished: Date?
    public var dateModified: Date?
    public var articleSection: String?
    public var keywords: [String] = []
    public var inLanguage: String?
    public var publisher: String?
    public var image: [ImageRef] = []
    public var articleBody: String
    public var version: Int
    public var firstSeen: Date
    public var lastSeen: Date
    public var versions: [ArticleVersion]
    public var sightings: [Sighting] = []

    public init(
        id: String, draft: ArticleDraft, firstVersion: ArticleVersion
    ) {
        self.id = id
        self.articleBody = draft.articleBody
        self.version = firstVersion.version
        self.firstSeen = firstVersion.capturedAt
        self.lastSeen = firstVersion.capturedAt
        self.versions = [firstVersion]
        self.adoptMetadata(of: draft)
    }

    /// Takes the descriptive fields of `draft` as the current ones (the body is versioned
    /// separately by the caller).
    public mutating func adoptMetadata(of draft: ArticleDraft) {
        url = draft.url ?? url
        headline = draft.headline
        alternativeHeadline = draft.alternativeHeadline
        author = draft.author
        datePublished = draft.datePublished
        dateModified = draft.dateModified
        articleSection = draft.articleSection
        keywords = draft.keywords
        inLanguage = draft.inLanguage
        publisher = draft.publisher
        image = draft.image
        for other in draft.sameAs where other != url && !sameAs.contains(other) {
            sameAs.append(other)
        }
    }
}
