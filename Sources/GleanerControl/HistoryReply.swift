import Foundation
import GleanerCore

/// The answer to `history`: every version of one article, oldest first, each with when and
/// from where it was captured and how many words it added and removed against the version
/// before it (the first version against nothing: all its words are added), plus how many
/// sightings the article has and every return of its content to an earlier version. Built by the
/// daemon from the stored article; immutable on the wire.
///
/// JSON: `{"id", "url", "headline", "version", "sightings", "versions": [{"version",
/// "capturedAt", "source": {"kind", "name"}, "headline", "wordsAdded", "wordsRemoved"}],
/// "returns": [{"version", "at", "source"}]}` (`returns` absent when there are none).
public struct HistoryReply: Codable, Sendable, Hashable {
    /// One version's line in the history.
    public struct Entry: Codable, Sendable, Hashable {
        public var version: Int
        public var capturedAt: Date
        public var source: SourceRef
        public var headline: String?
        /// Words of the body this version has that the one before lacked (`WordDiff`).
        public var wordsAdded: Int
        /// Words of the body the version before had that this one lacks.
        public var wordsRemoved: Int

        public init(
            version: Int, capturedAt: Date, source: SourceRef, headline: String?, wordsAdded: Int, wordsRemoved: Int
        ) {
            self.version = version
            self.capturedAt = capturedAt
            self.source = source
            self.headline = headline
            self.wordsAdded = wordsAdded
            self.wordsRemoved = wordsRemoved
        }
    }

    /// A sighting that brought an earlier version back as the current one.
    public struct Return: Codable, Sendable, Hashable {
        public var version: Int
        public var at: Date
        public var source: SourceRef

        public init(version: Int, at: Date, source: SourceRef) {
            self.version = version
            self.at = at
            self.source = source
        }
    }

    public var id: String
    public var url: String?
    /// The current headline.
    public var headline: String?
    /// The current version's number.
    public var version: Int
    public var sightings: Int
    public var versions: [Entry]
    /// Oldest first; nil when the content never returned to an earlier version.
    public var returns: [Return]?

    public init(id: String, url: String?, headline: String?, version: Int, sightings: Int, versions: [Entry], returns: [Return]? = nil) {
        self.id = id
        self.url = url
        self.headline = headline
        self.version = version
        self.sightings = sightings
        self.versions = versions
        self.returns = returns
    }

    /// The history of `article`: one word diff per pair of consecutive versions.
    public init(_ article: Article) {
        var entries: [Entry] = []
        var previousBody = ""
        for version in article.versions.sorted(by: { $0.version < $1.version }) {
            let diff = WordDiff(from: previousBody, to: version.articleBody)
            entries.append(
                Entry(
                    version: version.version, capturedAt: version.capturedAt, source: version.source,
                    headline: version.headline, wordsAdded: diff.wordsAdded, wordsRemoved: diff.wordsRemoved))
            previousBody = version.articleBody
        }
        self.init(
            id: article.id, url: article.url, headline: article.headline, version: article.version,
            sightings: article.sightings.count, versions: entries,
            returns: Self.returns(of: article))
    }

    private static func returns(of article: Article) -> [Return]? {
        let returns = article.sightings.compactMap { sighting in
            sighting.returnedTo.map { Return(version: $0, at: sighting.at, source: sighting.source) }
        }
        return returns.isEmpty ? nil : returns
    }
}
