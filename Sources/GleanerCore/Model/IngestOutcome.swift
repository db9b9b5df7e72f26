/// What the pipeline did with one article of an input.
public enum IngestOutcome: Sendable, Hashable {
    /// A new article, stored as version 1.
    case created(id: String)
    /// A known article whose content changed enough: a new version.
    case versioned(id: String, version: Int)
    /// A known article arrived with the content of one of its earlier versions, which is the
    /// current one again: no new version, a sighting that records the return.
    case returned(id: String, version: Int)
    /// A known article arrived again unchanged, or near enough: a sighting.
    case sighted(id: String, match: MatchKind, similarity: Double)
    /// The same input from the same source was already recorded (a replay after a crash): nothing changed.
    case unchanged(id: String)
}
