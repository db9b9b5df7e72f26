import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A small real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests and benchmarks:
/// routes are closures the test registers, and responses can misbehave on purpose (see
/// `HTTPTestResponse.Body`). Keep-alive is supported, so connection reuse can be counted.
///
/// Owns the listening socket, an accept thread and one thread per connection. `stop()` closes
/// the sockets and waits for every thread. The threads hold the server, so it runs until
/// `stop()` is called: tests call it in a `defer`.
public final class HTTPTestServer: Sendable {
    public typealias Handler = @Sendable (HTTPTestRequest) -> HTTPTestResponse

    public let port: Int
    private let listener: Int32
    private let state = Mutex(State())
    private let threads = DispatchGroup()

    struct State {
        var routes: [String: Handler] = [:]
        var fallback: Handler?
        var stats = HTTPTestServerStats()
        var requests: [HTTPTestRequest] = []
        var connections: Set<Int32> = []
        var stopping = false
        var stopped = false
    }

    /// Binds 127.0.0.1 on a port the kernel picks and starts accepting.
    public convenience init() throws(HTTPTestServerError) {
        try self.init(listener: try Self.makeListener(address: "127.0.0.1"))
    }

    /// Serves on `listener`, a listening socket from `makeListener` that the caller may have made
    /// elsewhere, e.g. on a thread inside another network namespace (the socket stays there).
    /// The server owns and closes it.
    public init(listener: Int32) throws(HTTPTestServerError) {
        self.listener = listener
        do {
            port = try Self.boundPort(listener)
        } catch {
            close(listener)
            throw error
        }
        threads.enter()
        let thread = Thread { [self] in
            acceptLoop()
            threads.leave()
        }
        thread.name = "test-http-accept"
        thread.start()
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `baseURL` + `path` (which starts with "/").
    public func url(_ path: String) -> String { baseURL + path }

    /// Answers requests for `path` (exact match, query ignored) with `handler`; replaces an
    /// earlier handler for the same path. Unrouted paths get a 404.
    public func route(_ path: String, _ handler: @escaping Handler) {
        state.withLock { $0.routes[path] = handler }
    }

    /// Answers every path without a route of its own (instead of a 404), for servers with many
    /// generated paths such as a benchmark's thousand feeds.
    public func fallback(_ handler: @escaping Handler) {
        state.withLock { $0.fallback = handler }
    }

    /// Answers `path` with the same response every time.
    public func route(_ path: String, _ response: HTTPTestResponse) {
        route(path) { _ in response }
    }

    public var stats: HTTPTestServerStats { state.withLock { $0.stats } }

    /// Every request so far (up to the first 100,000), in arrival order.
    public var requests: [HTTPTestRequest] { state.withLock { $0.requests } }

    /// Sets all counters back to zero (open connections stay open).
    public func resetStats() {
        state.withLock {
            $0.stats = HTTPTestServerStats()
            $0.requests = []
        }
    }

    /// Closes the listening socket and every connection, and waits (up to 10 s) for all threads.
    public func stop() {
        // shutdown() wakes a thread blocked in accept(), recv() or send() on the socket; close()
        // alone does not. Connections are shut down under the lock, and closed under it too (see
        // acceptLoop), so a descriptor number another test has reused is never touched.
        let first = state.withLock { state in
            guard !state.stopping else { return false }
            state.stopping = true
            for descriptor in state.connections { Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        _ = threads.wait(timeout: .now() + 10)
        close(listener)
    }

    var isStopping: Bool { state.withLock { $0.stopping } }

    private func acceptLoop() {
        var number = 0
        while !isStopping {
            let descriptor = accept(listener, nil, nil)
            if descriptor < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if isStopping { return }
                // EMFILE and friends: give the connection threads a moment to close some.
                usleep(10_000)
                continue
            }
            // Close-on-exec, so a gzip(1) a test starts does not hold a connection open.
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let admitted = state.withLock { state in
                guard !state.stopping else { return false }
                state.connections.insert(descriptor)
                state.stats.connections += 1
                return true
            }
            guard admitted else {
                close(descriptor)
                return
            }
            number += 1
            let connection = ServerConnection(descriptor: descriptor, number: number, server: self)
            threads.enter()
            let thread = Thread { [self] in
                // Named so tests counting the process's threads can tell server threads apart.
                Thread.current.name = "test-http-conn"
                connection.serve()
                state.withLock {
                    _ = $0.connections.remove(descriptor)
                    close(descriptor)
                }
                threads.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    // MARK: Called by connections

    func handler(for path: String) -> Handler? { state.withLock { $0.routes[path] ?? $0.fallback } }

    func began(_ request: HTTPTestRequest) {
        state.withLock { state in
            if state.requests.count < 100_000 { state.requests.append(request) }
            let host = request.header("host") ?? ""
            state.stats.requests += 1
            state.stats.inFlight += 1
            state.stats.maxInFlight = max(state.stats.maxInFlight, state.stats.inFlight)
            let count = state.stats.inFlightByHost[host, default: 0] + 1
            state.stats.inFlightByHost[host] = count
            state.stats.maxInFlightByHost[host] = max(state.stats.maxInFlightByHost[host, default: 0], count)
        }
    }

    func ended(_ request: HTTPTestRequest, completed: Bool) {
        state.withLock { state in
            let host = request.header("host") ?? ""
            state.stats.inFlight -= 1
            state.stats.inFlightByHost[host, default: 1] -= 1
            if !completed { state.stats.abortedResponses += 1 }
        }
    }

    func sent(_ count: Int) {
        state.withLock { $0.stats.bytesSent += count }
    }

    func received(_ count: Int) {
        state.withLock { $0.stats.bytesReceived += count }
    }

    // MARK: Socket set-up

    /// A listening TCP socket on `address` (IPv4) and a port the kernel picks, in the calling
    /// thread's network namespace.
    public static func makeListener(address text: String) throws(HTTPTestServerError) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw HTTPTestServerError(operation: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(text)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw HTTPTestServerError(operation: "bind \(text):0", errno: code)
        }
        guard Glibc.listen(descriptor, 1024) == 0 else {
            let code = errno
            close(descriptor)
            throw HTTPTestServerError(operation: "listen", errno: code)
        }
        return descriptor
    }

    private static func boundPort(_ descriptor: Int32) throws(HTTPTestServerError) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw HTTPTestServerError(operation: "getsockname", errno: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A socket call of the test server failed: which call and the errno.
public struct HTTPTestServerError: Error, CustomStringConvertible {
    public var operation: String
    public var errno: Int32
    public var description: String { "\(operation): \(String(cString: strerror(errno))) (errno \(errno))" }
}
