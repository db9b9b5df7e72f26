import Foundation
import Testing
@testable import GleanerCore

@Suite struct NearDuplicateTests {
    func shingles(_ text: String) -> Shingles { Shingles(words: ContentNormalizer.words(text)) }

    /// The index takes a new version's shingles from its `PreparedDraft` at commit and rebuilds
    /// them from the stored version at open: both must give the same fingerprints, or near
    /// matching would change across a restart.
    @Test func aDraftsFingerprintsAreThoseOfTheVersionItBecomes() throws {
        for body in [StoreTestTexts.longStory, "Zürich — „Straßenbahn“ fährt wieder. " + StoreTestTexts.longStoryEdited] {
            var draft = ArticleDraft(articleBody: body)
            draft.headline = "Headline"
            draft.url = "https://example.org/a?utm_source=x"
            let prepared = PreparedDraft(draft)
            let version = ArticleUpdate.created(id: "ab", from: prepared, source: SourceRef(kind: .inbox, name: "x"), at: Date()).versions[0]
            let rebuilt = Shingles(words: ContentNormalizer.words(normalized: PreparedDraft.content(of: version)))
            #expect(try #require(prepared.shingles) == rebuilt)
            #expect(try #require(prepared.fingerprints) == Fingerprints(rebuilt))
        }
    }

    @Test func aFewChangedWordsKeepTheResemblanceHigh() {
        let similarity = shingles(StoreTestTexts.longStory).resemblance(to: shingles(StoreTestTexts.longStoryEdited))
        #expect(similarity >= 0.8 && similarity < 1)
    }

    /// A fingerprint held by more than `commonFingerprint` versions is furniture and finds
    /// none of them; one held by exactly that many still finds them all.
    @Test func aFingerprintHeldByMoreThanTheCommonLimitFindsNothing() {
        let harbour = "harbour wall repairs end after a week of storms on the coast"
        let council = "council budget vote delayed again as members argue over school funding"
        let (a, b) = (shingles(harbour), shingles(council))
        let limit = NearDuplicateIndex.commonFingerprint
        var index = NearDuplicateIndex()
        for article in 0..<limit {
            index.insert(.init(article: Int32(article), version: 1), fingerprints: Fingerprints(a), shingleCount: a.hashes.count)
        }
        for article in limit...(2 * limit) {
            index.insert(.init(article: Int32(article), version: 1), fingerprints: Fingerprints(b), shingleCount: b.hashes.count)
        }
        let found = index.candidates(for: shingles(harbour + " " + council))
        #expect(Set(found.map(\.member.article)) == Set((0..<limit).map(Int32.init)))
        #expect(found.allSatisfy { $0.sharedFingerprints == 1 })
    }

    @Test func fingerprintsFindTheCandidate() {
        let original = shingles(StoreTestTexts.longStory)
        let edited = shingles(StoreTestTexts.longStoryEdited)
        var index = NearDuplicateIndex()
        index.insert(.init(article: 0, version: 1), fingerprints: Fingerprints(original), shingleCount: original.hashes.count)
        let other = shingles(String(repeating: "other words here. ", count: 30))
        index.insert(.init(article: 1, version: 1), fingerprints: Fingerprints(other), shingleCount: other.hashes.count)
        let candidates = index.candidates(for: edited)
        #expect(candidates.first?.member == .init(article: 0, version: 1))
        #expect(!candidates.contains { $0.member.article == 1 })
    }

    /// A long page keeps the capped number of fingerprints, spread over it: a 150-word article
    /// that is a small part of a 3000-word page still finds the page.
    @Test func aLongPageKeepsFortyFingerprintsSpreadOverIt() {
        let article = DedupTestText.words(150, seed: 42)
        let page = [DedupTestText.words(1500, seed: 43), article, DedupTestText.words(1350, seed: 44)].joined(separator: " ")
        let pageShingles = shingles(page)
        let fingerprints = Fingerprints(pageShingles)
        #expect(fingerprints.values.count == Fingerprints.maximum)
        #expect(Fingerprints(shingles(DedupTestText.words(60, seed: 45))).values.count <= 60 / Fingerprints.perFingerprint)

        var index = NearDuplicateIndex()
        index.insert(.init(article: 0, version: 1), fingerprints: fingerprints, shingleCount: pageShingles.hashes.count)
        let found = index.candidates(for: shingles(article))
        #expect(found.first?.member == .init(article: 0, version: 1))
        #expect(NearCandidateRanking.ranked(found, textShingles: shingles(article).hashes.count).count == 1)
    }

    @Test func fingerprintsAreTheSameInEveryRun() {
        // No seeds: the fingerprints of a text are a pure function of the text.
        #expect(Fingerprints(shingles(StoreTestTexts.longStory)) == Fingerprints(shingles(StoreTestTexts.longStory)))
        #expect(Shingles.hash(["a", "b", "c"]) == Shingles.hash(["a", "b", "c"]))
        #expect(Shingles.hash(["a", "b", "c"]) != Shingles.hash(["a", "bc"]))
    }

    @Test(.enabled(if: StoreTestFixture.hasCorpus, "the shared corpus (../shared/corpus/seeds) is absent"))
    func articlesOnOneSubjectAreNotNearDuplicates() throws {
        let seeds = try FileManager.default.contentsOfDirectory(
            at: StoreTestFixture.corpus.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        #expect(seeds.count >= 5)
        let sets = try seeds.map { shingles(try String(contentsOf: $0, encoding: .utf8)) }
        for i in sets.indices {
            for j in sets.indices where j > i {
                #expect(sets[i].resemblance(to: sets[j]) < 0.3, "\(seeds[i].lastPathComponent) vs \(seeds[j].lastPathComponent)")
            }
        }
    }
}
