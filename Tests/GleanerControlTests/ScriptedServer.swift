import Foundation
import GleanerControl
import GleanerCore

#if canImport(Glibc)
import Glibc
#endif

/// A stand-in daemon for client tests: listens on a temporary socket, answers one connection
/// with fixed bytes on a thread of its own, and remembers the request line it got.
final class ScriptedServer: @unchecked Sendable {
    let directory: URL
    let path: String
    private let listener: ControlSocket
    private let lock = NSLock()
    private var received: [UInt8]?
    private let done = DispatchSemaphore(value: 0)

    /// Listens (or, with `listen: false`, only binds, like a socket left by a dead daemon).
    init(listen: Bool = true) throws {
        directory = try TemporaryDirectory.make()
        path = directory.appendingPathComponent("ctl.sock").path
        listener = try ControlSocket.stream(path: path)
        let address = try UnixSocketAddress(path: path)
        let bound = address.withSockAddr { bind(listener.descriptor, $0, $1) }
        guard bound == 0 else { throw ControlSocketError(operation: "bind", path: path, errno: errno) }
        if listen {
            try SystemCall.retrying("listen", path: path) { Glibc.listen(listener.descriptor, 4) }
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Answers the next connection with `reply` once its request line arrived.
    func answerOnce(with reply: [UInt8]) {
        let thread = Thread { [self] in
            defer { done.signal() }
            let fd = accept(listener.descriptor, nil, nil)
            guard fd >= 0 else { return }
            let connection = ControlSocket(adopting: fd, path: path)
            var reader = ControlLineReader(socket: connection)
            let line = try? reader.nextLine()
            let bytes: [UInt8]? = (line ?? nil).map { Array($0) }
            lock.withLock { received = bytes }
            try? connection.send(reply)
        }
        thread.start()
    }

    /// The request line the server got, after the client's exchange is over.
    func requestLine() -> String? {
        done.wait()
        return lock.withLock { received.map { String(decoding: $0, as: UTF8.self) } }
    }
}

enum TemporaryDirectory {
    /// A fresh short directory under /tmp (socket paths must stay under 108 bytes).
    static func make() throws -> URL {
        let url = URL(fileURLWithPath: "/tmp/gleaner-ctl-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        return url
    }
}
