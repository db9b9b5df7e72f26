import Foundation

/// A draft with what identity needs worked out once: its canonical URL, the normalized words of
/// its content, the content hash and, when the text is long enough to judge, its shingles and
/// near-duplicate fingerprints. Immutable.
///
/// The content is the body. A draft whose body normalizes to nothing (a feed item carrying only a
/// title) uses its headline instead, so that two such items are not taken for one.
public struct PreparedDraft: Sendable {
    /// The draft with `url` canonical and `sameAs` canonical where it holds URLs.
    public let draft: ArticleDraft
    public let canonicalURL: String?
    public let words: [Substring]
    public let contentHash: String
    /// Present when the content has at least `Shingles.minimumWords` words.
    public let shingles: Shingles?
    public let fingerprints: Fingerprints?

    public init(_ original: ArticleDraft) {
        var draft = original
        let canonical = original.url.flatMap(URLCanonicalizer.canonicalize)
        draft.url = canonical
        var sameAs: [String] = []
        // A URL that has no canonical form is still what the input said; it is kept as given.
        for other in (canonical == nil ? original.url.map { [$0] } ?? [] : []) + original.sameAs {
            let trimmed = other.trimmingCharacters(in: .whitespacesAndNewlines)
            let spelled = URLCanonicalizer.canonicalize(trimmed) ?? trimmed
            if !spelled.isEmpty && spelled != canonical && !sameAs.contains(spelled) { sameAs.append(spelled) }
        }
        draft.sameAs = sameAs
        self.draft = draft
        self.canonicalURL = canonical

        let normalized = Self.content(of: original)
        words = ContentNormalizer.words(normalized: normalized)
        contentHash = ContentNormalizer.contentHash(normalized: normalized)
        if words.count >= Shingles.minimumWords {
            let shingles = Shingles(words: words)
            self.shingles = shingles
            fingerprints = Fingerprints(shingles)
        } else {
            shingles = nil
            fingerprints = nil
        }
    }

    /// The normalized content identity works on (see the type's note on empty bodies).
    static func content(of draft: ArticleDraft) -> String {
        let body = ContentNormalizer.normalize(draft.articleBody)
        if !body.isEmpty { return body }
        return ContentNormalizer.normalize(draft.headline ?? "")
    }

    /// The normalized content of a stored version, by the same rule.
    static func content(of version: ArticleVersion) -> String {
        let body = ContentNormalizer.normalize(version.articleBody)
        if !body.isEmpty { return body }
        return ContentNormalizer.normalize(version.headline ?? "")
    }
}

extension PreparedDraft {
    /// The draft's shingles as those of the version it becomes, so the store's index need not
    /// normalize and shingle the version again.
    func known(as version: Int) -> [Int: Shingles] {
        shingles.map { [version: $0] } ?? [:]
    }
}
