import Foundation
import GleanerCore
import Testing

/// The per-source state files: round trip, bounded item keys, refusal of unknown formats.
@Suite struct SourceStateStoreTests {
    @Test func aSavedStateLoadsBackWithItsItemKeys() throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let store = try harness.states()
        let status = SourceStatus(
            name: "news", url: "https://example.test/feed", kind: .feed,
            lastFetch: Date(timeIntervalSince1970: 1_800_000_000), httpStatus: 200, lastError: "item page x: HTTP 502",
            consecutiveFailures: 0, nextDue: Date(timeIntervalSince1970: 1_800_000_060), etag: "\"v1\"",
            lastModified: "Mon, 23 Nov 2026 01:00:00 GMT", articlesFound: 7)
        try store.save(SourceState(status: status, handledItems: ["g1", "g2"]))

        let reopened = try harness.states()
        #expect(reopened.load() == ["news": status])
        #expect(reopened.loadState(named: "news")?.handledItems == ["g1", "g2"])

        // Saving a status alone keeps the item keys.
        var changed = status
        changed.articlesFound = 8
        try reopened.save(changed)
        #expect(reopened.loadState(named: "news") == SourceState(status: changed, handledItems: ["g1", "g2"]))

        let text = try String(contentsOf: store.directory.appendingPathComponent("news.json"), encoding: .utf8)
        #expect(text.contains("\"format\" : 1"))
        #expect(text.contains("\"etag\" : \"\\\"v1\\\"\""))
    }

    @Test func itemKeysAreBoundedOldestDroppedFirst() {
        var state = SourceState(status: SourceStatus(name: "n", url: "https://example.test/", kind: .feed))
        state.remember((0..<1_200).map { "k\($0)" })
        state.remember(["k1199", "new"])
        #expect(state.handledItems.count == SourceState.handledItemLimit)
        #expect(state.handledItems.first == "k201")
        #expect(state.handledItems.last == "new")
        #expect(!state.hasHandled("k5") && state.hasHandled("k1199"))
    }

    @Test func unknownFormatsAndDamagedFilesAreSkippedAndLeftAlone() throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let store = try harness.states()
        try store.save(SourceStatus(name: "good", url: "https://example.test/", kind: .page))
        let future = store.directory.appendingPathComponent("future.json")
        let damaged = store.directory.appendingPathComponent("damaged.json")
        let futureText = #"{"format": 2, "name": "future", "url": "https://example.test/", "kind": "page"}"#
        try futureText.write(to: future, atomically: false, encoding: .utf8)
        try "{not json".write(to: damaged, atomically: false, encoding: .utf8)

        #expect(Array(try harness.states().load().keys) == ["good"])
        #expect(try String(contentsOf: future, encoding: .utf8) == futureText)
        #expect(throws: StoreError.self) {
            try store.save(SourceStatus(name: "../escape", url: "https://example.test/", kind: .page))
        }
    }
}
