import Foundation
import GleanerControl
import GleanerCore
import GleanerDaemon
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A handler over a fixed list of articles, answering the way the daemon's does.
struct FixtureHandler: ControlHandler {
    var articles: [Article]
    var status: StatusReport
    /// When set, export fails with this after sending that many articles.
    var exportFailure: (after: Int, failure: ControlFailure)?

    func handle(_ request: ControlRequest, reply: ControlReplyWriter) async throws {
        switch request {
        case .status:
            try await reply.send(status)
        case .list(let query):
            try await reply.send(query.select(from: articles.map(ArticleSummary.init)))
        case .show(let id, let version):
            guard let article = articles.first(where: { $0.id == id }) else { throw ControlFailure.noSuchArticle(id) }
            if let version, !article.versions.contains(where: { $0.version == version }) {
                throw ControlFailure.noSuchVersion(version, of: id)
            }
            try await reply.send(article)
        case .export(let since):
            var sent = 0
            for article in articles where since.map({ article.lastSeen >= $0 }) ?? true {
                if let exportFailure, sent == exportFailure.after { throw exportFailure.failure }
                try await reply.send(article)
                sent += 1
            }
        case .reload:
            return  // nothing to send: an `ok` with no payload
        case .sources, .fetch, .history, .diff:
            throw ControlFailure.unsupported(request.command)
        }
    }
}

enum ServerFixtures {
    static let base = Date(timeIntervalSince1970: 1_795_000_000)
    /// Quiet: the tests check outcomes, not log lines.
    static let logger = Logger(label: "gleaner.test.control", factory: { _ in SwiftLogNoOpLogHandler() })

    static func article(_ index: Int) -> Article {
        let captured = base.addingTimeInterval(Double(index))
        var draft = ArticleDraft(articleBody: "Body \(index). " + String(repeating: "Some words of text. ", count: 20))
        draft.headline = "Headline \(index)"
        let version = ArticleVersion(
            version: 1, capturedAt: captured, source: SourceRef(kind: .inbox, name: "file\(index).txt"),
            contentHash: "sha256:\(index)", headline: draft.headline, articleBody: draft.articleBody)
        return Article(id: "id\(index)", draft: draft, firstVersion: version)
    }

    static let status = StatusReport(
        version: "0.1.0", pid: 77, uptimeSeconds: 5, storePath: "/tmp/store", curlVersion: "libcurl/8",
        counts: StoreCounts(articles: 3, versions: 4, sightings: 5), inbox: InboxCounts(pending: 0, done: 3, failed: 1),
        sources: StatusReport.SourceCounts(total: 2, ok: 1, failing: 1, nextDue: nil), lastErrors: [])

    static func handler(articles count: Int = 3) -> FixtureHandler {
        FixtureHandler(articles: (0..<count).map { article($0 + 1) }, status: status)
    }
}

/// A fresh directory under /tmp for one test's socket (paths must stay under 108 bytes).
struct SocketDirectory: ~Copyable {
    let url: URL
    var socketPath: String { url.appendingPathComponent("gleanerd.sock").path }

    init() throws {
        url = URL(fileURLWithPath: "/tmp/gleaner-srv-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs blocking client code on a thread of its own, off the Swift concurrency pool that the
/// server under test needs.
func onThread<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Swift.Result { try body() }) }.start()
    }
}

/// Runs `server` while `body` talks to it, then cancels it and waits for it to stop.
func serving<Result: Sendable>(
    _ server: ControlServer, _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask {
            try await server.run()
            return nil
        }
        let result = try await body()
        group.cancelAll()
        while let _ = try await group.next() {}
        return result
    }
}

/// Sends raw bytes to a socket and reads everything until the server closes.
func rawExchange(path: String, send bytes: [UInt8], closeAfterSending: Bool = false) throws -> String {
    let socket = try ControlSocket.connect(to: try UnixSocketAddress(path: path))
    try socket.setTimeouts(.seconds(10))
    if !bytes.isEmpty { try socket.send(bytes) }
    if closeAfterSending { _ = Glibc.shutdown(socket.descriptor, Int32(SHUT_WR)) }
    var received: [UInt8] = []
    while true {
        let chunk = try socket.receive()
        if chunk.isEmpty { break }
        received += chunk
    }
    return String(decoding: received, as: UTF8.self)
}

func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode
}
