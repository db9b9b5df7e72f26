import Foundation
import Testing

@testable import GleanerCore

/// The pieces under the inbox, tested directly: the safe reader (including the race where a
/// checked name is swapped for something else), the naming rules and the retry backoff.
@Suite struct InboxReaderTests {
    final class Directory {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gleaner-inbox-reader-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    @Test func readsTheWholeCheckedFile() throws {
        let directory = try Directory()
        try Data("whole".utf8).write(to: URL(fileURLWithPath: directory.path("a")))
        let status = InboxFileStatus(try SystemCall.lstat(directory.path("a")))
        let outcome = try InboxReader.read(path: directory.path("a"), name: "a", expected: status, maxFileSize: 100)
        guard case .contents(let bytes, _) = outcome else {
            Issue.record("expected contents, got \(outcome)")
            return
        }
        #expect(bytes == Array("whole".utf8))
    }

    @Test func aNameSwappedForAFIFOIsNotReadAndDoesNotBlock() throws {
        let directory = try Directory()
        try Data("checked".utf8).write(to: URL(fileURLWithPath: directory.path("a")))
        let status = InboxFileStatus(try SystemCall.lstat(directory.path("a")))
        try FileManager.default.removeItem(atPath: directory.path("a"))
        #expect(mkfifo(directory.path("a"), 0o600) == 0)
        let outcome = try InboxReader.read(path: directory.path("a"), name: "a", expected: status, maxFileSize: 100)
        guard case .changed = outcome else {
            Issue.record("expected changed, got \(outcome)")
            return
        }
    }

    @Test func aNameSwappedForASymlinkIsNotFollowed() throws {
        let directory = try Directory()
        try Data("checked".utf8).write(to: URL(fileURLWithPath: directory.path("a")))
        try Data("elsewhere".utf8).write(to: URL(fileURLWithPath: directory.path("target")))
        let status = InboxFileStatus(try SystemCall.lstat(directory.path("a")))
        try FileManager.default.removeItem(atPath: directory.path("a"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.path("a"), withDestinationPath: directory.path("target"))
        let outcome = try InboxReader.read(path: directory.path("a"), name: "a", expected: status, maxFileSize: 100)
        guard case .changed = outcome else {
            Issue.record("expected changed, got \(outcome)")
            return
        }
    }

    @Test(.enabled(if: leasesWork, "read leases are not available on this system"))
    func aFileOpenForWritingIsBusy() throws {
        let directory = try Directory()
        let fd = open(directory.path("a"), O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        let status = InboxFileStatus(try SystemCall.lstat(directory.path("a")))
        let outcome = try InboxReader.read(path: directory.path("a"), name: "a", expected: status, maxFileSize: 100)
        guard case .busy = outcome else {
            Issue.record("expected busy, got \(outcome)")
            return
        }
    }

    @Test func aFileThatGrewPastTheLimitIsRefused() throws {
        let directory = try Directory()
        try Data("0123456789".utf8).write(to: URL(fileURLWithPath: directory.path("a")))
        let status = InboxFileStatus(try SystemCall.lstat(directory.path("a")))
        #expect(throws: InboxInputError.self) {
            try InboxReader.read(path: directory.path("a"), name: "a", expected: status, maxFileSize: 4)
        }
    }

    @Test func skipsHiddenAndTemporaryNamesOnly() {
        for name in [".done", ".failed", ".x", "a~", "a.tmp", "a.part", "a.swp", "a.crdownload", "A.TMP"] {
            #expect(InboxNames.isSkipped(name), "\(name)")
        }
        for name in ["a.txt", "feed.xml", "tmp", "part.html", "a.tmp.html"] {
            #expect(!InboxNames.isSkipped(name), "\(name)")
        }
    }

    @Test func retryDelaysDoubleUpToTheCap() {
        let settings = InboxSettings(
            directory: URL(fileURLWithPath: "/tmp/x"), retryDelay: .seconds(1), maxRetryDelay: .seconds(5))
        let delays = (1...5).map { settings.retryDelay(attempt: $0) }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
    }
}
