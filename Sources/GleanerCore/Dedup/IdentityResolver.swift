import Logging

/// What identity decided for one draft.
enum IdentityDecision {
    /// The same source already delivered this content to this article: a replay, nothing to do.
    case unchanged(id: String)
    /// A known article (same canonical URL) whose content changed enough: a new version of it.
    case newVersion(of: Article)
    /// A known article (same canonical URL) arrived with the content of an earlier version: that
    /// version becomes the current one again.
    case returned(to: ArticleVersion, of: Article)
    /// A known article arrived again, unchanged or near enough.
    case sighting(of: Article, match: MatchKind, similarity: Double)
    /// Nothing in the store is this article.
    case newArticle
}

/// Applies SPEC 6's identity rules, in order, to one prepared draft: (1) same canonical URL,
/// (2) same normalized content as any stored version, (3) similarity (`ContainmentCheck`) at or
/// above `nearDuplicate` (both texts of `Shingles.minimumWords` words or more), (4) new. Before each
/// match takes effect, a delivery of the same content by the same source to the matched article
/// makes it a replay. It reads the index and, through `load`, the candidate articles; it never
/// writes. A value made for one draft by the `Ingestor`.
struct IdentityResolver {
    let index: StoreIndex
    let settings: IngestSettings
    /// Reads the stored article at an index position.
    let load: (Int) throws -> Article
    let logger: Logger

    func resolve(_ draft: PreparedDraft, from source: SourceRef) throws -> IdentityDecision {
        let content = ContentKey(draft.contentHash)
        let delivery = StoreIndex.Delivery(source: source, content: content)

        if let url = draft.canonicalURL, let position = index.article(withURL: url) {
            // A replay only while the content is still the current one: the same source bringing
            // back an earlier text is a return, not a replay.
            if index.currentContent(at: position) == content, index.hasDelivered(delivery, to: position) {
                return .unchanged(id: index.id(at: position))
            }
            return try sameURL(draft, article: load(position))
        }
        if let position = index.article(delivered: delivery) {
            return .unchanged(id: index.id(at: position))
        }
        if let position = index.article(withContent: content) {
            return .sighting(of: try load(position), match: .exact, similarity: 1)
        }
        if let (article, similarity) = try nearDuplicate(of: draft) {
            return .sighting(of: article, match: .near, similarity: similarity)
        }
        return .newArticle
    }

    /// Rule 1: the same article; when the words changed enough, a return to an earlier version
    /// with exactly this content, else a new version; otherwise a sighting. Returning instead of
    /// versioning again is what keeps a page that flips between two texts at two versions.
    private func sameURL(_ draft: PreparedDraft, article: Article) throws -> IdentityDecision {
        guard let current = article.currentVersion, current.contentHash != draft.contentHash else {
            return .sighting(of: article, match: .url, similarity: 1)
        }
        let currentWords = ContentNormalizer.words(normalized: PreparedDraft.content(of: current))
        if currentWords == draft.words {
            // Equal content under an older normalization's hash: not a change.
            return .sighting(of: article, match: .url, similarity: 1)
        }
        let threshold = max(1, settings.minChangedWords)
        let changed = WordChange.changedWords(from: currentWords, to: draft.words, limit: threshold)
        if changed >= threshold {
            if let earlier = article.versions.last(where: { $0.contentHash == draft.contentHash }) {
                return .returned(to: earlier, of: article)
            }
            return .newVersion(of: article)
        }
        let length = max(currentWords.count, draft.words.count, 1)
        return .sighting(of: article, match: .url, similarity: 1 - Double(changed) / Double(length))
    }

    /// How many candidate articles get the exact check, which reads their files. Candidates
    /// come best first, so a true near duplicate is among the first few; the others read serve
    /// to recognise boilerplate (`ContainmentCheck`).
    private static let exactChecks = 8

    /// Rule 3: the stored article whose version the draft is most similar to (`ContainmentCheck`),
    /// when it is similar enough.
    private func nearDuplicate(of draft: PreparedDraft) throws -> (Article, Double)? {
        guard let shingles = draft.shingles else { return nil }
        let candidates = readCandidates(for: shingles)
        var best: (article: Article, similarity: Double)?
        for (i, candidate) in candidates.enumerated() {
            let others = candidates.indices.filter { $0 != i }.map { candidates[$0].allShingles }
            for version in candidate.versions {
                let similarity = ContainmentCheck.similarity(shingles, version, others: others)
                // Strictly greater: of equals, the better-ranked candidate stays.
                if similarity >= settings.nearDuplicate && similarity > (best?.similarity ?? -1) {
                    best = (candidate.article, similarity)
                }
            }
        }
        return best.map { ($0.article, $0.similarity) }
    }

    /// A candidate article read for the exact check: its candidate versions' shingles, and all
    /// of them together (what the other candidates' boilerplate is recognised by).
    private struct ReadCandidate {
        var article: Article
        var versions: [Shingles]
        var allShingles: Set<UInt64>
    }

    /// The best `exactChecks` candidate articles of the index for `shingles`, read from disk,
    /// best first.
    private func readCandidates(for shingles: Shingles) -> [ReadCandidate] {
        let textShingles = shingles.hashes.count
        let possible = index.nearCandidates(for: shingles) { NearCandidateRanking.estimate($0, textShingles: textShingles) != nil }
        let ranked = NearCandidateRanking.ranked(possible, textShingles: textShingles)
        // Several versions of one article may be candidates: read its file once.
        var order: [Int] = []
        var versions: [Int: Set<Int>] = [:]
        for candidate in ranked {
            let position = Int(candidate.member.article)
            if versions[position] == nil {
                guard order.count < Self.exactChecks else { continue }
                order.append(position)
            }
            versions[position, default: []].insert(Int(candidate.member.version))
        }
        var read: [ReadCandidate] = []
        for position in order {
            let article: Article
            do {
                article = try load(position)
            } catch {
                // One unreadable candidate must not stop every near-duplicate input: skip it.
                logger.warning("cannot read a near-duplicate candidate", metadata: ["error": "\(error)"])
                continue
            }
            var candidate = ReadCandidate(article: article, versions: [], allShingles: [])
            for version in article.versions where versions[position]?.contains(version.version) == true {
                let words = ContentNormalizer.words(normalized: PreparedDraft.content(of: version))
                guard words.count >= Shingles.minimumWords else { continue }
                let versionShingles = Shingles(words: words)
                candidate.versions.append(versionShingles)
                candidate.allShingles.formUnion(versionShingles.hashes)
            }
            read.append(candidate)
        }
        return read
    }
}
