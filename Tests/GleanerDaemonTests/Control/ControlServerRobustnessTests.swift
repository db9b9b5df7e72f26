import Foundation
import GleanerControl
import GleanerCore
import GleanerDaemon
import Testing

@Suite("Control server facing bad clients", .timeLimit(.minutes(1)))
struct ControlServerRobustnessTests {
    @Test("malformed requests get an error header, and the server goes on", arguments: [
        ("this is not json\n", "malformed-request"),
        ("{\"protocol\":1,\"command\":\"explode\"}\n", "unknown-command"),
        ("{\"protocol\":1,\"command\":\"show\",\"args\":{}}\n", "invalid-argument"),
    ])
    func malformed(request: String, code: String) async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let answer = try await onThread { try rawExchange(path: path, send: Array(request.utf8)) }
            let header = try ArticleJSON.decoder().decode(ControlReplyHeader.self, from: Data(answer.utf8))
            #expect(header.ok == false)
            #expect(header.protocol == 1)
            #expect(header.code?.rawValue == code)
            #expect(answer.filter { $0 == "\n" }.count == 1, "only the header: \(answer)")
            let status = try await onThread { try ControlClient(socketPath: path).status() }
            #expect(status.pid == 77)
        }
    }

    @Test("a client of another protocol version is told so")
    func otherVersion() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let answer = try await onThread {
                try rawExchange(path: path, send: Array("{\"protocol\":7,\"command\":\"status\",\"args\":{}}\n".utf8))
            }
            let header = try ArticleJSON.decoder().decode(ControlReplyHeader.self, from: Data(answer.utf8))
            #expect(header == ControlReplyHeader(
                protocol: 1, ok: false, code: .incompatibleProtocol,
                message: "incompatible gleanerctl and gleanerd (gleanerctl speaks protocol 7, gleanerd 1)"))
        }
    }

    @Test("an over-long request line is refused without reading it all")
    func overlong() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let answer = try await onThread {
                try rawExchange(path: path, send: [UInt8](repeating: UInt8(ascii: "x"), count: ControlProtocol.maxRequestLineLength + 10))
            }
            let header = try ArticleJSON.decoder().decode(ControlReplyHeader.self, from: Data(answer.utf8))
            #expect(header.code == .malformedRequest)
        }
    }

    @Test("a client that sends nothing is answered `timeout` after the I/O timeout")
    func silentClient() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(
            socketPath: path, handler: ServerFixtures.handler(), ioTimeout: .milliseconds(300), logger: ServerFixtures.logger)
        try await serving(server) {
            let started = ContinuousClock.now
            let answer = try await onThread { try rawExchange(path: path, send: []) }
            let header = try ArticleJSON.decoder().decode(ControlReplyHeader.self, from: Data(answer.utf8))
            #expect(header.code == .timeout)
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test("a client that connects and leaves gets nothing and breaks nothing")
    func leavingClient() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let answer = try await onThread { try rawExchange(path: path, send: Array("{\"proto".utf8), closeAfterSending: true) }
            #expect(answer.isEmpty)
            let status = try await onThread { try ControlClient(socketPath: path).status() }
            #expect(status.pid == 77)
        }
    }
}
