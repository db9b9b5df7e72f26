import Foundation
import Logging
import Synchronization
import Testing

@testable import GleanerCore

/// Inputs the inbox refuses or the pipeline rejects go to `.failed/` with a reason; failures
/// of the system leave the input in place to be retried.
@Suite struct InboxFailureTests {
    @Test func aSymlinkIsFailedAndNeverFollowed() async throws {
        let harness = try InboxHarness()
        let target = harness.root.appendingPathComponent("outside.txt")
        try Data("secret outside the inbox".utf8).write(to: target)
        try await harness.start()
        try FileManager.default.createSymbolicLink(atPath: harness.path("link.txt"), withDestinationPath: target.path)
        try await waitUntil("the reason of link.txt") { harness.exists(harness.failed("link.txt.reason.json")) }
        try await harness.stop()

        #expect(harness.attemptCount == 0)
        let moved = try FileManager.default.destinationOfSymbolicLink(atPath: harness.failed("link.txt"))
        #expect(moved == target.path)
        #expect(try harness.contents(target.path) == "secret outside the inbox")
        let reason = try harness.reason("link.txt")
        #expect(reason["stage"] == "inbox")
        #expect(reason["error"]?.contains("symbolic link") == true)
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 0, failed: 1))
    }

    @Test func aFIFOIsFailedWithoutBlockingTheInbox() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        #expect(mkfifo(harness.path("pipe"), 0o600) == 0)
        try await waitUntil("the FIFO in .failed") { harness.exists(harness.failed("pipe.reason.json")) }
        try harness.write("after.txt", "still running")
        try await waitUntil("after.txt in .done") { harness.exists(harness.done("after.txt")) }
        try await harness.stop()

        var info = stat()
        #expect(lstat(harness.failed("pipe"), &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFIFO)
        #expect(try harness.reason("pipe")["error"]?.contains("FIFO") == true)
        #expect(harness.documents.map(\.name) == ["after.txt"])
    }

    @Test func aDirectoryIsFailed() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        try FileManager.default.createDirectory(atPath: harness.path("folder"), withIntermediateDirectories: false)
        try await waitUntil("the directory in .failed") { harness.exists(harness.failed("folder.reason.json")) }
        try await harness.stop()
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: harness.failed("folder"), isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        #expect(try harness.reason("folder")["error"]?.contains("directory") == true)
        #expect(harness.attemptCount == 0)
    }

    @Test func aFileLargerThanTheLimitIsFailedUnread() async throws {
        let harness = try InboxHarness(maxFileSize: 10)
        try await harness.start()
        try harness.write("big.txt", String(repeating: "x", count: 100))
        try await waitUntil("big.txt in .failed") { harness.exists(harness.failed("big.txt.reason.json")) }
        try await harness.stop()
        #expect(harness.attemptCount == 0)
        #expect(try harness.reason("big.txt")["error"] == "big.txt: file is 100 bytes, larger than maxFileSize 10")
        #expect(try harness.contents(harness.failed("big.txt")).count == 100)
    }

    @Test func anErrorBlamingTheInputFailsItWithAReason() async throws {
        let harness = try InboxHarness { directory in
            // A taken name in .failed: the input and its reason get the same suffix.
            let failed = directory.appendingPathComponent(".failed")
            try FileManager.default.createDirectory(at: failed, withIntermediateDirectories: true)
            try Data("earlier".utf8).write(to: failed.appendingPathComponent("bad.txt"))
        }
        try await harness.start(behaviour: { document, _ in
            throw TestStageError(stage: "parse", blamesInput: true, description: "\(document.name): no article found")
        })
        try harness.write("bad.txt", "garbage")
        try await waitUntil("bad.txt.1 in .failed") { harness.exists(harness.failed("bad.txt.1")) }
        try await harness.stop()

        #expect(try harness.contents(harness.failed("bad.txt.1")) == "garbage")
        #expect(try harness.contents(harness.failed("bad.txt")) == "earlier")
        let data = try Data(contentsOf: URL(fileURLWithPath: harness.failed("bad.txt.1.reason.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object == ["error": "bad.txt: no article found", "stage": "parse", "time": "2023-11-14T22:13:20Z"])
        #expect(!harness.exists(harness.path("bad.txt")))
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 0, failed: 2))
    }

    @Test func aSystemFailureKeepsTheFileAndRetriesIt() async throws {
        let harness = try InboxHarness()
        let diskFull = Mutex(true)
        try await harness.start(behaviour: { _, _ in
            if diskFull.withLock({ $0 }) {
                throw TestStageError(stage: "store", blamesInput: false, description: "no space left on device")
            }
        })
        try harness.write("keep.txt", "valuable")
        try await waitUntil("two failed attempts") { harness.attemptCount >= 2 }
        #expect(harness.exists(harness.path("keep.txt")))
        #expect(harness.inbox.counts() == InboxCounts(pending: 1, done: 0, failed: 0))
        #expect(!harness.exists(harness.failed("keep.txt")))

        diskFull.withLock { $0 = false }
        try await waitUntil("keep.txt in .done") { harness.exists(harness.done("keep.txt")) }
        try await harness.stop()
        #expect(harness.documents.map(\.name) == ["keep.txt"])
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 1, failed: 0))
    }

    @Test func aSmallerLimitAppliesLiveAfterUpdateSettings() async throws {
        let harness = try InboxHarness(maxFileSize: 1000)
        try await harness.start()
        var settings = harness.inbox.settings
        settings.maxFileSize = 5
        settings.afterIngest = .delete
        harness.inbox.updateSettings(settings)
        try harness.write("long.txt", "more than five bytes")
        try await waitUntil("long.txt in .failed") { harness.exists(harness.failed("long.txt")) }
        try harness.write("ok.txt", "tiny")
        try await waitUntil("ok.txt deleted") {
            harness.documents.count == 1 && !harness.exists(harness.path("ok.txt"))
        }
        try await harness.stop()
        #expect(!harness.exists(harness.done("ok.txt")))
    }
}

extension InboxFailureTests {
    @Test func runThrowsWhenTheDirectoryCannotBeMade() async throws {
        let blocker = FileManager.default.temporaryDirectory
            .appendingPathComponent("gleaner-inbox-blocker-\(UUID().uuidString)")
        try Data("a file, not a directory".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let inbox = try Inbox(
            settings: InboxSettings(directory: blocker.appendingPathComponent("inbox")),
            logger: Logger(label: "test.inbox") { _ in SwiftLogNoOpLogHandler() })
        await #expect(throws: InboxError.self) {
            try await inbox.run(scanned: {}, ingest: { _ in })
        }
    }
}
