import Foundation
import Logging
import Synchronization
import Testing

@testable import GleanerCore

/// Runs a real `Inbox` on a fresh temporary directory for one test, records every document
/// it ingests and lets the test decide how `ingest` behaves. `stop()` cancels the run; the
/// directory is removed when the harness goes away.
final class InboxHarness: Sendable {
    /// What the fake pipeline does with a document: return to accept it, throw to refuse it.
    typealias Behaviour = @Sendable (Document, _ attempt: Int) throws -> Void

    static let fixedTime = Date(timeIntervalSince1970: 1_700_000_000)

    let root: URL
    let directory: URL
    let inbox: Inbox
    private let ingested = Mutex<[Document]>([])
    private let attempts = Mutex(0)
    private let scans = Mutex(0)
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(
        settle: Duration = .milliseconds(50), maxFileSize: Int = 1 << 20,
        afterIngest: AfterIngest = .move, prepare: (URL) throws -> Void = { _ in }
    ) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gleaner-inbox-\(UUID().uuidString)")
        directory = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try prepare(directory)
        let settings = InboxSettings(
            directory: directory, settle: settle, maxFileSize: maxFileSize, afterIngest: afterIngest,
            retryDelay: .milliseconds(20), maxRetryDelay: .milliseconds(100))
        inbox = try Inbox(
            settings: settings, logger: Logger(label: "test.inbox") { _ in SwiftLogNoOpLogHandler() },
            clock: { InboxHarness.fixedTime })
    }

    /// Starts the run and waits until the first scan is done.
    func start(behaviour: @escaping Behaviour = { _, _ in }) async throws {
        let run = Task { [self] in
            try await inbox.run(
                scanned: { self.scans.withLock { $0 += 1 } },
                ingest: { document in
                    let attempt = self.attempts.withLock { count in
                        count += 1
                        return count
                    }
                    try behaviour(document, attempt)
                    self.ingested.withLock { $0.append(document) }
                })
        }
        task.withLock { $0 = run }
        try await waitUntil("the first scan") { scanCount == 1 }
    }

    func stop() async throws {
        let run = task.withLock { $0 }
        run?.cancel()
        try await run?.value
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    var documents: [Document] { ingested.withLock { $0 } }
    var attemptCount: Int { attempts.withLock { $0 } }
    var scanCount: Int { scans.withLock { $0 } }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func done(_ name: String) -> String { directory.appendingPathComponent(".done/" + name).path }
    func failed(_ name: String) -> String { directory.appendingPathComponent(".failed/" + name).path }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// The decoded `.failed/NAME.reason.json`.
    func reason(_ name: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: failed(name + ".reason.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    }
}

/// Whether this system grants us read leases (they can be disabled, or missing on some file
/// systems); the tests that rely on them to see a writer are skipped where they are not.
let leasesWork: Bool = {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("gleaner-lease-probe-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: path, contents: Data()) else { return false }
    defer { unlink(path) }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return InboxLease.isOpenForWriting(fd) == false
}()

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Waits for `condition` to hold, checking every few milliseconds, and fails the test after
/// `timeout` instead of hanging.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(60), _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// A pipeline error with a chosen stage and fault, as the real stages raise them.
struct TestStageError: StageError {
    var stage: String
    var blamesInput: Bool
    var description: String
}
