import Foundation
import Testing

@testable import GleanerCore

/// The happy path: files are noticed, settled, ingested once and archived.
@Suite struct InboxIngestTests {
    @Test func ingestsARegularFileAndMovesItToDone() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        try harness.write("story.html", "<p>Hello</p>")
        try await waitUntil("story.html in .done") { harness.exists(harness.done("story.html")) }
        try await harness.stop()

        let documents = harness.documents
        #expect(documents.count == 1)
        #expect(documents.first?.name == "story.html")
        #expect(documents.first?.bytes == Array("<p>Hello</p>".utf8))
        #expect(documents.first?.source == SourceRef(kind: .inbox, name: "story.html"))
        #expect(documents.first?.receivedAt == InboxHarness.fixedTime)
        #expect(!harness.exists(harness.path("story.html")))
        #expect(try harness.contents(harness.done("story.html")) == "<p>Hello</p>")
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 1, failed: 0))
    }

    @Test func deletesTheFileWhenAfterIngestIsDelete() async throws {
        let harness = try InboxHarness(afterIngest: .delete)
        try await harness.start()
        try harness.write("a.txt", "text")
        try await waitUntil("a.txt ingested and deleted") {
            harness.documents.count == 1 && !harness.exists(harness.path("a.txt"))
        }
        try await harness.stop()
        #expect(!harness.exists(harness.done("a.txt")))
        #expect(harness.inbox.counts().done == 1)
    }

    @Test func leavesHiddenAndTemporaryNamesAlone() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        let skipped = [".hidden", "draft~", "x.tmp", "y.part", ".z.swp", "w.swp", "v.crdownload", "U.PART"]
        for name in skipped { try harness.write(name, "not yet") }
        try harness.write("sentinel.txt", "after the others")
        try await waitUntil("the sentinel in .done") { harness.exists(harness.done("sentinel.txt")) }
        try await harness.stop()

        #expect(harness.documents.map(\.name) == ["sentinel.txt"])
        for name in skipped {
            #expect(harness.exists(harness.path(name)), "\(name) must stay in the inbox")
        }
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 1, failed: 0))
    }

    @Test func picksUpFilesPresentBeforeStartAndReportsTheScanOnce() async throws {
        let harness = try InboxHarness { directory in
            try Data("one".utf8).write(to: directory.appendingPathComponent("one.txt"))
            try Data("two".utf8).write(to: directory.appendingPathComponent("two.txt"))
        }
        try await harness.start()
        try await waitUntil("both files in .done") {
            harness.exists(harness.done("one.txt")) && harness.exists(harness.done("two.txt"))
        }
        #expect(harness.scanCount == 1)
        try await harness.stop()
        #expect(Set(harness.documents.map(\.name)) == ["one.txt", "two.txt"])
        #expect(harness.documents.count == 2)
    }

    @Test func countsWhatTheArchiveHoldsAtStart() async throws {
        let harness = try InboxHarness { directory in
            let done = directory.appendingPathComponent(".done")
            let failed = directory.appendingPathComponent(".failed")
            try FileManager.default.createDirectory(at: done, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: failed, withIntermediateDirectories: true)
            for name in ["a", "b"] { try Data().write(to: done.appendingPathComponent(name)) }
            // One plain failure, one input whose own name ends in .reason.json, and a hidden temp file.
            for name in ["c", "c.reason.json", "d.reason.json", "d.reason.json.reason.json", ".e.tmp"] {
                try Data().write(to: failed.appendingPathComponent(name))
            }
            try Data("pending".utf8).write(to: directory.appendingPathComponent("p.txt"))
        }
        try await harness.start(behaviour: { _, _ in
            throw TestStageError(stage: "store", blamesInput: false, description: "disk full")
        })
        #expect(harness.inbox.counts() == InboxCounts(pending: 1, done: 2, failed: 2))
        try await harness.stop()
    }

    @Test func aTakenNameInDoneGetsASuffix() async throws {
        let harness = try InboxHarness { directory in
            let done = directory.appendingPathComponent(".done")
            try FileManager.default.createDirectory(at: done, withIntermediateDirectories: true)
            try Data("old".utf8).write(to: done.appendingPathComponent("a.txt"))
            try Data("older".utf8).write(to: done.appendingPathComponent("a.txt.1"))
        }
        try await harness.start()
        try harness.write("a.txt", "new")
        try await waitUntil("a.txt.2 in .done") { harness.exists(harness.done("a.txt.2")) }
        try await harness.stop()
        #expect(try harness.contents(harness.done("a.txt")) == "old")
        #expect(try harness.contents(harness.done("a.txt.1")) == "older")
        #expect(try harness.contents(harness.done("a.txt.2")) == "new")
        #expect(harness.inbox.counts().done == 3)
    }

    @Test func ingestsManyFilesExactlyOnce() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        let names = (0..<300).map { "item-\($0).txt" }
        for name in names { try harness.write(name, "content of \(name)") }
        try await waitUntil("300 files in .done", timeout: .seconds(60)) {
            harness.inbox.counts().done == 300
        }
        try await harness.stop()
        let documents = harness.documents
        #expect(documents.count == 300)
        #expect(Set(documents.map(\.name)) == Set(names))
        for document in documents {
            #expect(document.bytes == Array("content of \(document.name)".utf8))
        }
        let archived = try FileManager.default.contentsOfDirectory(atPath: harness.done(""))
        #expect(archived.count == 300)
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 300, failed: 0))
    }
}
