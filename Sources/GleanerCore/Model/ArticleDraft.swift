import Foundation

/// What a parser makes of one article in an input, before identity and dedup decide where it
/// belongs. Only what the input carries is set: nothing is invented.
public struct ArticleDraft: Sendable, Hashable {
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
    /// Paragraphs separated by exactly one blank line; no leading or trailing whitespace.
    public var articleBody: String

    public init(articleBody: String) {
        self.articleBody = articleBody
    }
}
