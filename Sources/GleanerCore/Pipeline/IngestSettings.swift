/// The configuration identity and dedup follow (SPEC 3: `dedup.nearDuplicate`,
/// `versions.minChangedWords`). Changeable at run time through `Ingestor.updateSettings`.
public struct IngestSettings: Sendable, Hashable {
    /// Resemblance (Jaccard index of word shingles, 0...1) at or above which two texts are the
    /// same article.
    public var nearDuplicate: Double
    /// An edit of fewer words than this under the same URL is a sighting, not a new version.
    public var minChangedWords: Int

    public init(nearDuplicate: Double = 0.8, minChangedWords: Int = 1) {
        self.nearDuplicate = nearDuplicate
        self.minChangedWords = minChangedWords
    }
}
