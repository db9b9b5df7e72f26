import Foundation
import GleanerControl
import GleanerCore
import Testing

@Suite("Control client against stand-in daemons")
struct ControlClientTests {
    static func lines(_ lines: String...) -> [UInt8] {
        Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    @Test("no socket at the path: not running")
    func noSocket() throws {
        let directory = try TemporaryDirectory.make()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("missing.sock").path
        #expect(throws: ControlClientError.notRunning(socketPath: path, reason: .noSocket)) {
            try ControlClient(socketPath: path).status()
        }
        #expect(ControlClientError.notRunning(socketPath: path, reason: .noSocket).description
            == "gleanerd is not running (no socket at \(path))")
    }

    @Test("a socket nobody listens on: not running")
    func refused() throws {
        let stale = try ScriptedServer(listen: false)
        #expect(throws: ControlClientError.notRunning(socketPath: stale.path, reason: .connectionRefused)) {
            try ControlClient(socketPath: stale.path).status()
        }
    }

    @Test("a daemon of another protocol version: incompatible, with both numbers")
    func newerDaemon() throws {
        let server = try ScriptedServer()
        server.answerOnce(with: Self.lines(#"{"protocol":2,"ok":true,"shape":"new"}"#))
        #expect(throws: ControlClientError.incompatible(client: 1, server: 2)) {
            try ControlClient(socketPath: server.path).status()
        }
        #expect(server.requestLine() == #"{"args":{},"command":"status","protocol":1}"#)
        #expect(ControlClientError.incompatible(client: 1, server: 2).description
            == "incompatible gleanerctl and gleanerd (gleanerctl speaks protocol 1, gleanerd 2)")
    }

    @Test("an error header: the command failed, with the daemon's message")
    func errorHeader() throws {
        let server = try ScriptedServer()
        server.answerOnce(with: Self.lines(#"{"code":"not-found","message":"no article with id zz","ok":false,"protocol":1}"#))
        #expect(throws: ControlClientError.commandFailed(code: .notFound, message: "no article with id zz")) {
            try ControlClient(socketPath: server.path).show(id: "zz")
        }
        #expect(server.requestLine() == #"{"args":{"id":"zz"},"command":"show","protocol":1}"#)
    }

    @Test("a reply cut off before its trailer is an I/O error, not a short success")
    func cutOff() throws {
        let server = try ScriptedServer()
        let article = String(decoding: try ArticleJSON.encoder().encode(ControlFixtures.article(1)), as: UTF8.self)
        server.answerOnce(with: Self.lines(#"{"ok":true,"protocol":1}"#, article))
        var seen = 0
        #expect {
            try ControlClient(socketPath: server.path).export { _ in seen += 1 }
        } throws: { error in
            guard case .io(_, let detail) = error as? ControlClientError else { return false }
            return detail.contains("before its trailer")
        }
        #expect(seen == 1)
    }

    @Test("a complete reply is checked against its trailer's count")
    func trailerCount() throws {
        let server = try ScriptedServer()
        server.answerOnce(with: Self.lines(#"{"ok":true,"protocol":1}"#, "[]", "", #"{"count":2,"ok":true}"#))
        #expect(throws: ControlClientError.self) { try ControlClient(socketPath: server.path).list() }

        let good = try ScriptedServer()
        good.answerOnce(with: Self.lines(#"{"ok":true,"protocol":1}"#, "[]", "", #"{"count":1,"ok":true}"#))
        #expect(try ControlClient(socketPath: good.path).list(ListQuery(limit: 3)).isEmpty)
        #expect(good.requestLine() == #"{"args":{"limit":3},"command":"list","protocol":1}"#)
    }

    @Test("a daemon that closes without answering: an I/O error that says so")
    func silentDaemon() throws {
        let server = try ScriptedServer()
        server.answerOnce(with: [])  // reads the request, answers nothing, closes
        #expect {
            try ControlClient(socketPath: server.path).status()
        } throws: { error in
            guard case .io(_, let detail) = error as? ControlClientError else { return false }
            return detail.contains("without answering")
        }
        #expect(server.requestLine() != nil)
    }
}
