/// Why an input was recognised as an article already in the store.
public enum MatchKind: String, Codable, Sendable {
    /// The same normalized content as a stored version.
    case exact
    /// Similar enough (at least `dedup.nearDuplicate`) to a stored article.
    case near
    /// The same canonical URL, with unchanged content.
    case url
}
