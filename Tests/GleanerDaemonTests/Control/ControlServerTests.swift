import Foundation
import GleanerControl
import GleanerCore
import GleanerDaemon
import Testing

@Suite("Control server and client over a real socket", .timeLimit(.minutes(1)))
struct ControlServerTests {
    @Test("status, list, show and export round-trip")
    func commands() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let handler = ServerFixtures.handler(articles: 5)
        let server = try ControlServer(socketPath: path, handler: handler, logger: ServerFixtures.logger)
        try await serving(server) {
            let client = ControlClient(socketPath: path)
            let status = try await onThread { try client.status() }
            #expect(status == ServerFixtures.status)

            let listed = try await onThread { try client.list(ListQuery(limit: 2)) }
            #expect(listed.map(\.id) == ["id5", "id4"])
            let since = ServerFixtures.base.addingTimeInterval(3)
            let recent = try await onThread { try client.list(ListQuery(since: since)) }
            #expect(recent.map(\.id) == ["id5", "id4", "id3"])

            let shown = try await onThread { try client.show(id: "id2") }
            #expect(shown == handler.articles[1])

            let exported = try await onThread {
                var articles: [Article] = []
                let count = try client.export(since: since) { line in
                    articles.append(try ArticleJSON.decoder().decode(Article.self, from: Data(line)))
                }
                return (count, articles)
            }
            #expect(exported.0 == 3)
            #expect(exported.1 == Array(handler.articles.suffix(3)))
        }
    }

    @Test("failures come back with their codes and messages")
    func failures() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let client = ControlClient(socketPath: path)
            await #expect(throws: ControlClientError.commandFailed(code: .notFound, message: "no article with id nope")) {
                try await onThread { try client.show(id: "nope") }
            }
            await #expect(throws: ControlClientError.commandFailed(code: .notFound, message: "article id1 has no version 4")) {
                try await onThread { try client.show(id: "id1", version: 4) }
            }
            await #expect {
                try await onThread { try client.perform(.sources) { _ in } }
            } throws: { error in
                guard case .commandFailed(let code, _) = error as? ControlClientError else { return false }
                return code == .unsupported
            }
            // A command with no payload is an `ok` with none.
            let payloadLines = try await onThread { try client.perform(.reload) { _ in } }
            #expect(payloadLines == 0)
        }
    }

    @Test("an export of thousands of articles streams through")
    func largeExport() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let count = 3_000
        let server = try ControlServer(
            socketPath: path, handler: ServerFixtures.handler(articles: count), logger: ServerFixtures.logger)
        try await serving(server) {
            let client = ControlClient(socketPath: path)
            let (received, ids, bytes) = try await onThread {
                var ids: [String] = []
                var bytes = 0
                let received = try client.export { line in
                    bytes += line.count
                    ids.append(try ArticleJSON.decoder().decode(Article.self, from: Data(line)).id)
                }
                return (received, ids, bytes)
            }
            #expect(received == count)
            #expect(ids == (1...count).map { "id\($0)" })
            #expect(bytes > 1_000_000, "the export is bigger than any one buffer: \(bytes) bytes")
        }
    }

    @Test("an export that fails midway is reported, not taken for a complete one")
    func exportFailsMidway() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        var failing = ServerFixtures.handler(articles: 1_000)
        // Past the first flush, so the `ok` header is out and only the trailer can tell.
        failing.exportFailure = (after: 600, failure: ControlFailure(.failed, "store read failed: disk on fire"))
        let handler = failing
        let server = try ControlServer(socketPath: path, handler: handler, logger: ServerFixtures.logger)
        try await serving(server) {
            let client = ControlClient(socketPath: path)
            let outcome = try await onThread {
                var lines = 0
                do {
                    try client.export { _ in lines += 1 }
                    return (lines, ControlClientError?.none)
                } catch let error as ControlClientError {
                    return (lines, error)
                }
            }
            #expect(outcome.0 == 600)
            #expect(outcome.1 == .commandFailed(code: .failed, message: "store read failed: disk on fire"))
        }
    }

    @Test("an export that fails before its first flush gets a plain error header")
    func exportFailsEarly() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        var failing = ServerFixtures.handler(articles: 10)
        failing.exportFailure = (after: 2, failure: ControlFailure(.failed, "early"))
        let server = try ControlServer(socketPath: path, handler: failing, logger: ServerFixtures.logger)
        try await serving(server) {
            let answer = try await onThread {
                try rawExchange(path: path, send: try ControlRequest.export(since: nil).encodedLine())
            }
            #expect(answer == #"{"code":"failed","message":"early","ok":false,"protocol":1}"# + "\n")
        }
    }

    @Test("connections are served concurrently: a stuck client does not hold up others")
    func stuckClient() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(
            socketPath: path, handler: ServerFixtures.handler(), ioTimeout: .seconds(30), logger: ServerFixtures.logger)
        try await serving(server) {
            // Connected, sends half a request and waits.
            let stuck = try ControlSocket.connect(to: try UnixSocketAddress(path: path))
            try stuck.send(Array(#"{"protocol":1,"#.utf8))
            let started = ContinuousClock.now
            let status = try await onThread { try ControlClient(socketPath: path).status() }
            #expect(status.pid == 77)
            #expect(ContinuousClock.now - started < .seconds(20), "answered only after the stuck client's 30 s timeout")
            _ = stuck
        }
    }
}
