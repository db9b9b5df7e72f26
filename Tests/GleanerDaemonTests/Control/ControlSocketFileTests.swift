import Foundation
import GleanerControl
import GleanerDaemon
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Control socket file", .timeLimit(.minutes(1)))
struct ControlSocketFileTests {
    @Test("the socket gets the configured mode, and goes away when the server stops", arguments: [0o660, 0o600] as [mode_t])
    func modeAndRemoval(mode: mode_t) async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, mode: mode, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        let info = try #require(fileMode(path))
        #expect(info & S_IFMT == S_IFSOCK)
        #expect(info & 0o7777 == mode)
        try await serving(server) {
            _ = try await onThread { try ControlClient(socketPath: path).status() }
        }
        #expect(fileMode(path) == nil, "the socket file is removed after run() returns")
        #expect(throws: ControlClientError.notRunning(socketPath: path, reason: .noSocket)) {
            try ControlClient(socketPath: path).status()
        }
    }

    @Test("a stale socket from a dead daemon is replaced")
    func staleSocket() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        do {
            // Bound and never listened on, then closed: what a killed daemon leaves.
            let dead = try ControlSocket.stream(path: path)
            let bound = try UnixSocketAddress(path: path).withSockAddr { bind(dead.descriptor, $0, $1) }
            try #require(bound == 0)
        }
        #expect(fileMode(path).map { $0 & S_IFMT } == S_IFSOCK)
        #expect(throws: ControlClientError.notRunning(socketPath: path, reason: .connectionRefused)) {
            try ControlClient(socketPath: path).status()
        }
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let status = try await onThread { try ControlClient(socketPath: path).status() }
            #expect(status.pid == 77)
        }
    }

    @Test("a live daemon's socket is refused and left working")
    func liveSocket() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let first = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(first) {
            #expect(throws: ControlServerError.alreadyListening(path: path)) {
                _ = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
            }
            #expect(ControlServerError.alreadyListening(path: path).description
                == "another gleanerd is already listening on \(path)")
            let status = try await onThread { try ControlClient(socketPath: path).status() }
            #expect(status.pid == 77)
        }
    }

    @Test("something that is not a socket is never removed")
    func notASocket() throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ControlServerError.notASocket(path: path)) {
            _ = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    @Test("run() serves once")
    func runsOnce() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {}
        await #expect(throws: ControlServerError.alreadyRan(path: path)) { try await server.run() }
    }
}
