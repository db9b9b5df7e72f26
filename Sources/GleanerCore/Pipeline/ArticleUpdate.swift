import Foundation

/// The three ways a draft changes the store, as pure functions from the stored article (when
/// there is one) to the article to write. Stateless.
enum ArticleUpdate {
    /// Version 1 of a new article.
    static func created(id: String, from draft: PreparedDraft, source: SourceRef, at now: Date) -> Article {
        let first = ArticleVersion(
            version: 1, capturedAt: now, source: source, contentHash: draft.contentHash,
            headline: draft.draft.headline, articleBody: draft.draft.articleBody)
        return Article(id: id, draft: draft.draft, firstVersion: first)
    }

    /// The next version: its content in `versions`, and the draft's fields at the top level.
    static func versioned(_ stored: Article, with draft: PreparedDraft, source: SourceRef, at now: Date) -> Article {
        var article = stored
        let number = (article.versions.map(\.version).max() ?? 0) + 1
        article.versions.append(
            ArticleVersion(
                version: number, capturedAt: now, source: source, contentHash: draft.contentHash,
                headline: draft.draft.headline, articleBody: draft.draft.articleBody))
        article.version = number
        article.articleBody = draft.draft.articleBody
        article.adoptMetadata(of: draft.draft)
        article.lastSeen = max(article.lastSeen, now)
        return article
    }

    /// A return: `earlier` is the current version again (its body and headline at the top level,
    /// the draft's other fields adopted as for a version), and the arrival is a sighting that
    /// names the version it returned to.
    static func returned(_ stored: Article, to earlier: ArticleVersion, by draft: PreparedDraft, source: SourceRef, at now: Date) -> Article {
        var article = stored
        article.version = earlier.version
        article.adoptMetadata(of: draft.draft)
        article.articleBody = earlier.articleBody
        article.headline = earlier.headline
        article.sightings.append(
            Sighting(at: now, source: source, match: .url, similarity: 1, contentHash: draft.contentHash, returnedTo: earlier.version))
        article.lastSeen = max(article.lastSeen, now)
        return article
    }

    /// A sighting: the current version stays; the arrival is recorded, with the other addresses
    /// it came under (its URL, its inbox file name) added to `sameAs`. An article that had no URL
    /// takes the draft's, unless `urlIsFree` says another article already has it.
    static func sighted(
        _ stored: Article, by draft: PreparedDraft, source: SourceRef, match: MatchKind, similarity: Double,
        at now: Date, urlIsFree: (String) -> Bool
    ) -> Article {
        var article = stored
        article.sightings.append(
            Sighting(at: now, source: source, match: match, similarity: similarity, contentHash: draft.contentHash))
        article.lastSeen = max(article.lastSeen, now)
        if article.url == nil, let url = draft.canonicalURL, urlIsFree(url) {
            article.url = url
            article.sameAs.removeAll { $0 == url }
        }
        var others = draft.draft.sameAs
        if let url = draft.canonicalURL { others.insert(url, at: 0) }
        if source.kind == .inbox { others.append(source.name) }
        for other in others where other != article.url && !article.sameAs.contains(other) {
            article.sameAs.append(other)
        }
        return article
    }
}
