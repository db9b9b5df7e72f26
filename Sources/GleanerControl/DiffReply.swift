import Foundation
import GleanerCore

/// The answer to `diff`: a word-level difference between two versions of one article's body,
/// as runs of equal, removed and inserted text (`WordDiff`) with the words added and removed,
/// and which versions were compared. Built by the daemon; immutable on the wire.
///
/// Which versions: `to` defaults to the current version and `from` to the version before
/// `to`, so no arguments compare the last two versions and only `from` compares it with the
/// current one. Before version 1 there is nothing: `from` is absent and every word is inserted
/// (what `diff` shows for an article with a single version).
///
/// JSON: `{"id", "from": {"version", "capturedAt", "source", "headline"}, "to": {…},
/// "wordsAdded", "wordsRemoved", "runs": [{"kind": "equal"|"removed"|"inserted", "text"}]}`.
public struct DiffReply: Codable, Sendable, Hashable {
    /// One of the two versions compared.
    public struct Side: Codable, Sendable, Hashable {
        public var version: Int
        public var capturedAt: Date
        public var source: SourceRef
        public var headline: String?

        public init(version: Int, capturedAt: Date, source: SourceRef, headline: String?) {
            self.version = version
            self.capturedAt = capturedAt
            self.source = source
            self.headline = headline
        }

        public init(_ version: ArticleVersion) {
            self.init(
                version: version.version, capturedAt: version.capturedAt, source: version.source,
                headline: version.headline)
        }
    }

    public var id: String
    /// The older side; nil for the empty text before version 1.
    public var from: Side?
    public var to: Side
    public var wordsAdded: Int
    public var wordsRemoved: Int
    public var runs: [WordDiff.Run]

    public init(id: String, from: Side?, to: Side, diff: WordDiff) {
        self.id = id
        self.from = from
        self.to = to
        wordsAdded = diff.wordsAdded
        wordsRemoved = diff.wordsRemoved
        runs = diff.runs
    }

    /// The difference between versions `from` and `to` of `article`, defaults as the type
    /// says. Throws `ControlFailure.noSuchVersion` for a version the article does not have.
    public init(_ article: Article, from: Int?, to: Int?) throws(ControlFailure) {
        func find(_ number: Int) throws(ControlFailure) -> ArticleVersion {
            guard let found = article.versions.first(where: { $0.version == number }) else {
                throw ControlFailure.noSuchVersion(number, of: article.id)
            }
            return found
        }
        let newer = try find(to ?? article.version)
        let older: ArticleVersion?
        if let from {
            older = try find(from)
        } else {
            // The version before `newer`: the highest number below it, if any.
            older = article.versions.filter { $0.version < newer.version }.max { $0.version < $1.version }
        }
        self.init(
            id: article.id, from: older.map(Side.init), to: Side(newer),
            diff: WordDiff(from: older?.articleBody ?? "", to: newer.articleBody))
    }

    /// The difference as a `WordDiff`, for presentation.
    public var wordDiff: WordDiff {
        WordDiff(runs: runs, wordsAdded: wordsAdded, wordsRemoved: wordsRemoved)
    }
}
