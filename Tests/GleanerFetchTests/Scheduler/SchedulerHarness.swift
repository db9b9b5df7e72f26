import Foundation
import GleanerCore
import Logging
import Synchronization
import Testing

@testable import GleanerFetch

/// Everything a scheduler test needs, real where it matters: a temporary store directory with
/// a real `Ingestor` (HTML parse through `DocumentParser`) and a real `SourceStateStore`, a
/// scripted transport, a manual clock, a scripted jitter source, and feeds the test declares
/// (the seam `readFeed` stands for the feed reader written elsewhere). `remove()` deletes the
/// directory.
final class SchedulerHarness: Sendable {
    static let logger = Logger(label: "gleaner.test.scheduler", factory: { _ in SwiftLogNoOpLogHandler() })

    let directory: URL
    let transport = ScriptedTransport()
    let clock = ManualClock()
    let ingestor: Ingestor
    /// Feeds by body: a response whose body is a key here "is" that feed; any other body is not a feed.
    private let feeds = Mutex<[String: Feed]>([:])
    /// Jitter values handed out in turn (the last repeated).
    private let jitter = Mutex<[Double]>([0.5])

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gleaner-scheduler-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = self.clock
        ingestor = try Ingestor.open(
            storeDirectory: directory, settings: IngestSettings(),
            parse: { document in try DocumentParser().parse(document) }, clock: { clock.now() },
            logger: Self.logger)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    func declareFeed(_ body: String, _ feed: Feed) {
        feeds.withLock { $0[body] = feed }
    }

    func setJitter(_ values: [Double]) {
        jitter.withLock { $0 = values }
    }

    func feed(of document: Document) -> Feed? {
        feeds.withLock { $0[String(decoding: document.bytes, as: UTF8.self)] }
    }

    func nextJitter() -> Double {
        jitter.withLock { values in values.count > 1 ? values.removeFirst() : values[0] }
    }

    func states() throws -> SourceStateStore {
        try SourceStateStore(storeDirectory: directory, logger: Self.logger)
    }

    /// A scheduler on this harness's store, transport and clock.
    func scheduler(
        _ sources: [SourceConfiguration], followArticleLinks: Bool = true,
        ingestDocument: (@Sendable (Document) async throws -> [IngestOutcome])? = nil
    ) throws -> SourceScheduler {
        let ingestor = self.ingestor
        let clock = self.clock
        return SourceScheduler(
            sources: sources, followArticleLinks: followArticleLinks, transport: transport, states: try states(),
            readFeed: { [self] document in self.feed(of: document) },
            ingestDocument: ingestDocument ?? { document in try await ingestor.ingest(document) },
            ingestDrafts: { drafts, document in try await ingestor.ingest(drafts, from: document) },
            clock: { clock.now() },
            random: { [self] in self.nextJitter() },
            sleep: { duration in try await clock.sleep(for: duration) }, logger: Self.logger)
    }

    /// Runs the scheduler while `body` runs, then cancels it and waits for it to stop.
    @discardableResult
    func running<T: Sendable>(_ scheduler: SourceScheduler, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await scheduler.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Waits (up to 10 s of real time) until the scheduler has settled every due source and
    /// sleeps exactly until the earliest next due date; returns that date.
    @discardableResult
    func settled(_ scheduler: SourceScheduler) async throws -> Date {
        try await eventually("the scheduler sleeps") {
            let dues = await scheduler.statuses().compactMap(\.nextDue)
            guard let earliest = dues.min(), earliest > clock.now() else { return false }
            return clock.deadlines == [earliest]
        }
        return try #require(clock.deadlines.first)
    }
}

/// Polls `condition` until it holds or 60 s of real time pass (generous: the suite may share a
/// loaded machine; a condition that holds returns at once); records a failure naming `what`.
func eventually(
    _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
) async throws {
    let start = ContinuousClock.now
    while ContinuousClock.now - start < timeout {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("timed out waiting until \(what)")
    throw CancellationError()
}

extension SourceConfiguration {
    static func page(_ name: String, _ url: String, every seconds: Int = 60) -> SourceConfiguration {
        SourceConfiguration(name: name, url: URL(string: url)!, kind: .page, every: .seconds(seconds))
    }

    static func feed(_ name: String, _ url: String, every seconds: Int = 60) -> SourceConfiguration {
        SourceConfiguration(name: name, url: URL(string: url)!, kind: .feed, every: .seconds(seconds))
    }
}

/// Test content.
enum Fixture {
    static func page(_ title: String, _ paragraphs: String...) -> String {
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        return "<!doctype html><html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>\(body)</article></body></html>"
    }

    static func item(_ id: String, link: String, body: String, full: Bool) -> FeedItem {
        var draft = ArticleDraft(articleBody: body)
        draft.url = link
        draft.headline = "Item \(id)"
        return FeedItem(id: id, link: link, draft: draft, hasFullContent: full)
    }
}
