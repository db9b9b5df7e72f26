import Foundation

/// A later arrival of an article already in the store that did not change it: the same story
/// from another source, under another name, or again.
public struct Sighting: Codable, Sendable, Hashable {
    public var at: Date
    public var source: SourceRef
    public var match: MatchKind
    /// 1 for exact and url matches; the measured similarity for near ones.
    public var similarity: Double
    /// The content hash of what arrived; with `source` it makes a replay after a crash a no-op.
    public var contentHash: String
    /// When the arrival's content is an earlier version's (a revert, or a page flipping between
    /// two texts), that version, which became the current one again; absent otherwise.
    public var returnedTo: Int?

    public init(at: Date, source: SourceRef, match: MatchKind, similarity: Double, contentHash: String, returnedTo: Int? = nil) {
        self.at = at
        self.source = source
        self.match = match
        self.similarity = similarity
        self.contentHash = contentHash
        self.returnedTo = returnedTo
    }
}
