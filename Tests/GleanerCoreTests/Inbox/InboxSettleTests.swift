import Foundation
import Testing

@testable import GleanerCore

/// Files are read only once they are complete, and the inbox survives losing its directory.
@Suite struct InboxSettleTests {
    @Test(.enabled(if: leasesWork, "read leases are not available on this system"))
    func aFileHeldOpenAndWrittenInTwoHalvesIsReadOnceComplete() async throws {
        let harness = try InboxHarness(settle: .milliseconds(50))
        try await harness.start()
        let fd = open(harness.path("slow.txt"), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        let first = Array("first half, ".utf8)
        let second = Array("second half.".utf8)
        #expect(write(fd, first, first.count) == first.count)
        // The pause is the scenario (a slow writer), longer than settle several times over.
        try await Task.sleep(for: .milliseconds(300))
        #expect(harness.attemptCount == 0, "a file still open for writing must not be read")
        #expect(write(fd, second, second.count) == second.count)
        #expect(close(fd) == 0)
        try await waitUntil("slow.txt in .done") { harness.exists(harness.done("slow.txt")) }
        try await harness.stop()

        #expect(harness.documents.count == 1)
        #expect(harness.documents.first?.bytes == first + second)
    }

    @Test func aRemovedInboxDirectoryIsRecreatedAndWatchedAgain() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        try FileManager.default.removeItem(at: harness.directory)
        try await waitUntil("the inbox recreated") {
            harness.exists(harness.done("")) && harness.exists(harness.failed(""))
        }
        try harness.write("again.txt", "after the directory came back")
        try await waitUntil("again.txt in .done") { harness.exists(harness.done("again.txt")) }
        try await harness.stop()
        #expect(harness.documents.map(\.name) == ["again.txt"])
    }

    @Test func aMovedInboxDirectoryIsReplacedByAFreshOne() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        let moved = harness.root.appendingPathComponent("moved-away")
        try FileManager.default.moveItem(at: harness.directory, to: moved)
        try await waitUntil("the inbox recreated") { harness.exists(harness.done("")) }
        try Data("old".utf8).write(to: moved.appendingPathComponent("ignored.txt"))
        try harness.write("fresh.txt", "in the new inbox")
        try await waitUntil("fresh.txt in .done") { harness.exists(harness.done("fresh.txt")) }
        try await harness.stop()
        #expect(harness.documents.map(\.name) == ["fresh.txt"])
        #expect(FileManager.default.fileExists(atPath: moved.appendingPathComponent("ignored.txt").path))
    }
}

extension InboxSettleTests {
    @Test func aFileRemovedWhileOpenForWritingStopsBeingPending() async throws {
        let harness = try InboxHarness()
        try await harness.start()
        let fd = open(harness.path("abandoned.txt"), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        let bytes = Array("partial".utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
        try await waitUntil("the file pending") { harness.inbox.counts().pending == 1 }
        #expect(unlink(harness.path("abandoned.txt")) == 0)
        try await waitUntil("nothing pending") { harness.inbox.counts().pending == 0 }
        #expect(close(fd) == 0)
        try await harness.stop()
        #expect(harness.attemptCount == 0)
        #expect(harness.inbox.counts() == InboxCounts(pending: 0, done: 0, failed: 0))
    }
}
