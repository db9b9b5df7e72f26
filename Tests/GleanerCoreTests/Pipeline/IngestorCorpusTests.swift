import Foundation
import Testing
@testable import GleanerCore

/// Identity on real article texts from the shared corpus, and under concurrent inputs.
@Suite struct IngestorCorpusTests {
    typealias Draft = StoreTestDraft

    func seeds() throws -> [(name: String, text: String)] {
        let folder = StoreTestFixture.corpus.appendingPathComponent("seeds")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
            .map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// Every 40th word replaced, as a copy desk might touch a wire story.
    func edited(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset % 40 == 39 ? "edited" : String($0.element) }.joined(separator: " ")
    }

    @Test(.enabled(if: StoreTestFixture.hasCorpus, "the shared corpus (../shared/corpus/seeds) is absent"))
    func fiveArticlesOnOneSubjectStayFiveAndTheirCopiesAreFound() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let seeds = try seeds()
        var ids: [String] = []
        for seed in seeds {
            let outcome = try await ingestor.ingest(StoreTestFixture.document([Draft(body: seed.text)], name: seed.name))
            guard case .created(let id) = outcome.first else { Issue.record("\(seed.name): \(outcome)"); return }
            ids.append(id)
        }
        #expect(Set(ids).count == seeds.count)

        for (seed, id) in zip(seeds, ids) {
            let reflowed = seed.text.replacingOccurrences(of: "\n", with: "\n\n").replacingOccurrences(of: "'", with: "’")
            let exact = try await ingestor.ingest(StoreTestFixture.document([Draft(body: reflowed)], name: "copy-" + seed.name))
            #expect(exact == [.sighted(id: id, match: .exact, similarity: 1)], "\(seed.name)")

            let near = try await ingestor.ingest(StoreTestFixture.document([Draft(body: edited(seed.text))], name: "edit-" + seed.name))
            guard case .sighted(let nearID, .near, let similarity) = near.first else {
                Issue.record("\(seed.name): \(near)"); continue
            }
            #expect(nearID == id, "\(seed.name)")
            #expect(similarity >= 0.8 && similarity < 1)
        }
        #expect(await ingestor.counts() == StoreCounts(articles: seeds.count, versions: seeds.count, sightings: 2 * seeds.count))
    }

    @Test func concurrentInputsAreTakenOneAtATime() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let outcomes = try await withThrowingTaskGroup(of: [IngestOutcome].self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await ingestor.ingest(
                        StoreTestFixture.document([Draft(body: StoreTestTexts.longStory)], name: "copy-\(index).txt"))
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.filter { if case .created = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { if case .sighted(_, .exact, _) = $0 { true } else { false } }.count == 19)
        #expect(await ingestor.counts() == StoreCounts(articles: 1, versions: 1, sightings: 19))
    }
}
