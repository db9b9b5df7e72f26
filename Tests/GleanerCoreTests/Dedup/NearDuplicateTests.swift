import Foundation
import Testing
@testable import GleanerCore

@Suite struct NearDuplicateTests {
    func shingles(_ text: String) -> Shingles { Shingles(words: ContentNormalizer.words(text)) }

    /// The index takes a new version's sketch from its `PreparedDraft` at commit and rebuilds
    /// it from the stored version at open: both must be the same sketch, or near matching would
    /// change across a restart.
    @Test func aDraftsSketchIsTheSketchOfTheVersionItBecomes() throws {
        for body in [StoreTestTexts.longStory, "Zürich — „Straßenbahn“ fährt wieder. " + StoreTestTexts.longStoryEdited] {
            var draft = ArticleDraft(articleBody: body)
            draft.headline = "Headline"
            draft.url = "https://example.org/a?utm_source=x"
            let prepared = PreparedDraft(draft)
            let version = ArticleUpdate.created(id: "ab", from: prepared, source: SourceRef(kind: .inbox, name: "x"), at: Date()).versions[0]
            let rebuilt = MinHashSketch(Shingles(words: ContentNormalizer.words(normalized: PreparedDraft.content(of: version))))
            #expect(try #require(prepared.sketch) == rebuilt)
        }
    }

    @Test func aFewChangedWordsKeepTheResemblanceHigh() {
        let similarity = shingles(StoreTestTexts.longStory).resemblance(to: shingles(StoreTestTexts.longStoryEdited))
        #expect(similarity >= 0.8 && similarity < 1)
    }

    @Test func sketchesEstimateTheResemblanceAndFindTheCandidate() {
        let original = shingles(StoreTestTexts.longStory)
        let edited = shingles(StoreTestTexts.longStoryEdited)
        let estimate = MinHashSketch(original).estimatedResemblance(to: MinHashSketch(edited))
        #expect(abs(estimate - original.resemblance(to: edited)) < 0.15)

        var index = NearDuplicateIndex()
        index.insert(.init(article: 0, version: 1), sketch: MinHashSketch(original))
        index.insert(.init(article: 1, version: 1), sketch: MinHashSketch(shingles(String(repeating: "other words here. ", count: 30))))
        let candidates = index.candidates(for: MinHashSketch(edited))
        #expect(candidates.first?.member == .init(article: 0, version: 1))
        #expect(!candidates.contains { $0.member.article == 1 })
    }

    @Test func sketchesAreTheSameInEveryRun() {
        // Fixed seeds: the sketch of a text is a pure function of the text.
        #expect(MinHashSketch(shingles(StoreTestTexts.longStory)) == MinHashSketch(shingles(StoreTestTexts.longStory)))
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
