import Foundation
import Glibc

/// A tiny HTTP/1.1 server whose listening socket lives in a test's network namespace, on
/// 0.0.0.0 and a port the kernel picks there. Its own thread joins the namespace (setns(2))
/// before it makes the socket, then serves one connection at a time, one request each, until
/// `stop()`. Counts requests by path. Owns the socket and the thread; the test's other threads
/// stay in the host's namespace.
final class NamespaceHTTPServer: Sendable {
    /// What the server answers; `Connection: close` and the length are added.
    struct Reply: Sendable {
        var status: Int
        var reason: String
        var headers: [String] = []
        var body: String = ""

        static func redirect(to location: String) -> Reply {
            Reply(status: 302, reason: "Found", headers: ["Location: \(location)"])
        }

        static func html(_ body: String) -> Reply {
            Reply(status: 200, reason: "OK", headers: ["Content-Type: text/html; charset=utf-8"], body: body)
        }

        static let notFound = Reply(status: 404, reason: "Not Found", body: "not found\n")
    }

    /// Answers a request for `path`; `port` is the server's, for absolute redirects.
    typealias Handler = @Sendable (_ path: String, _ port: Int) -> Reply

    let port: Int
    private let state = ServerState()

    /// Starts the server in `namespace` and returns once it listens.
    init(namespace: TestNetworkNamespace, handler: @escaping Handler) throws {
        let started = Handoff<Result<(Int32, Int), Error>>()
        let state = self.state, path = namespace.path
        let thread = Thread {
            let listener: Int32, port: Int
            do {
                try Self.joinNetworkNamespace(path)
                (listener, port) = try Self.listen()
            } catch {
                started.put(.failure(error))
                state.finish()
                return
            }
            started.put(.success((listener, port)))
            Self.serve(listener, port: port, handler: handler, state: state)
            close(listener)
            state.finish()
        }
        thread.name = "namespace-http-server"
        thread.start()
        guard let outcome = started.take(within: 10) else {
            state.requestStop()
            throw TimedOut(what: "the server in namespace \(namespace.name) to listen", after: .seconds(10))
        }
        (_, port) = try outcome.get()
    }

    deinit { stop() }

    /// How many requests for `path` arrived.
    func hits(_ path: String) -> Int { state.hits(path) }

    /// Stops accepting and waits (bounded) for the serving thread to close the socket and end.
    func stop() {
        state.requestStop()
        try? waitUntil("the namespace server thread to end", timeout: .seconds(10)) { state.isFinished }
    }

    // MARK: The serving thread

    /// CLONE_NEWNET from <sched.h>; Swift's Glibc module exports neither it nor setns(2), so
    /// setns is looked up in the C library at run time.
    private static let cloneNewNet: Int32 = 0x4000_0000
    private typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32

    /// Moves the calling thread (only it) into the network namespace bound at `path`.
    private static func joinNetworkNamespace(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ServerSystemCallFailed(operation: "open \(path)", errno: errno) }
        defer { close(descriptor) }
        guard let library = dlopen(nil, RTLD_NOW) else {
            throw ServerSystemCallFailed(operation: "dlopen of the program itself", errno: ENOSYS)
        }
        defer { dlclose(library) }
        guard let symbol = dlsym(library, "setns") else {
            throw ServerSystemCallFailed(operation: "dlsym setns", errno: ENOSYS)
        }
        let setns = unsafeBitCast(symbol, to: SetNamespace.self)
        guard setns(descriptor, cloneNewNet) == 0 else {
            throw ServerSystemCallFailed(operation: "setns \(path)", errno: errno)
        }
    }

    /// A listening TCP socket on 0.0.0.0 and an ephemeral port, in the thread's namespace.
    private static func listen() throws -> (Int32, Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw ServerSystemCallFailed(operation: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = INADDR_ANY
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard bound == 0, Glibc.listen(listener, 16) == 0 else {
            let code = errno
            close(listener)
            throw ServerSystemCallFailed(operation: "bind and listen on 0.0.0.0:0", errno: code)
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(listener)
            throw ServerSystemCallFailed(operation: "getsockname", errno: code)
        }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Accepts until stopped, polling with a short timeout so a stop request is seen promptly.
    private static func serve(_ listener: Int32, port: Int, handler: Handler, state: ServerState) {
        while !state.isStopping {
            var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, 100)
            if ready < 0 && errno != EINTR { return }
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            respond(on: client, port: port, handler: handler, state: state)
            close(client)
        }
    }

    /// Reads one request head (bounded in size and time), counts it, writes the reply.
    private static func respond(on client: Int32, port: Int, handler: Handler, state: ServerState) {
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count < 16_384, !head.ends(with: Array("\r\n\r\n".utf8)) {
            let count = read(client, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            head += buffer[0..<count]
        }
        let requestLine = String(decoding: head, as: UTF8.self).prefix { $0 != "\r" }
        let target = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let path = String(target.prefix { $0 != "?" })
        state.count(path)
        let reply = handler(path, port)
        let body = Array(reply.body.utf8)
        let lines = ["HTTP/1.1 \(reply.status) \(reply.reason)"] + reply.headers
            + ["Content-Length: \(body.count)", "Connection: close", "", ""]
        let bytes = Array(lines.joined(separator: "\r\n").utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            sent += count
        }
    }
}

/// The server's shared counters and flags, behind one lock (the serving thread writes them,
/// the test reads them).
private final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var stopping = false
    private var finished = false

    var isStopping: Bool { lock.withLock { stopping } }
    var isFinished: Bool { lock.withLock { finished } }
    func requestStop() { lock.withLock { stopping = true } }
    func finish() { lock.withLock { finished = true } }
    func count(_ path: String) { lock.withLock { counts[path, default: 0] += 1 } }
    func hits(_ path: String) -> Int { lock.withLock { counts[path] ?? 0 } }
}

/// Hands one value from the serving thread to the thread that started it.
private final class Handoff<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func put(_ newValue: Value) {
        condition.lock(); value = newValue; condition.signal(); condition.unlock()
    }

    /// The value, or nil when none arrived within `seconds`.
    func take(within seconds: TimeInterval) -> Value? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock(); defer { condition.unlock() }
        while value == nil, condition.wait(until: deadline) {}
        return value
    }
}

struct ServerSystemCallFailed: Error, CustomStringConvertible {
    var operation: String
    var errno: Int32
    var description: String { "\(operation): \(String(cString: strerror(errno))) (errno \(errno))" }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
