#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GleanerCore

/// One open unix stream socket of the control protocol (a client's connection, or one the
/// server accepted). Owns its descriptor and closes it when released; every call blocks on the
/// calling thread, bounded by the timeouts set with `setTimeouts`. Immutable, so it can be
/// shared with the thread or queue doing its I/O and with whoever calls `shutdown`.
public final class ControlSocket: Sendable {
    public let descriptor: Int32
    /// The socket path, for messages.
    public let path: String

    /// Takes ownership of an open descriptor.
    public init(adopting descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        // Not retried on EINTR: on Linux the descriptor is released even then.
        _ = close(descriptor)
    }

    /// A new, unconnected unix stream socket, close-on-exec.
    public static func stream(path: String) throws(ControlSocketError) -> ControlSocket {
        #if os(Linux)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        let descriptor = try SystemCall.retrying("socket", path: path) { socket(AF_UNIX, type, 0) }
        return ControlSocket(adopting: descriptor, path: path)
    }

    /// Connects to the socket at `address`.
    public static func connect(to address: UnixSocketAddress) throws(ControlSocketError) -> ControlSocket {
        let connection = try stream(path: address.path)
        var result = address.withSockAddr { systemConnect(connection.descriptor, $0, $1) }
        // A connect interrupted by a signal goes on in the background: wait for it instead of
        // connecting twice.
        if result == -1 && errno == EINTR {
            result = connection.awaitPendingConnect()
        }
        if result == -1 {
            throw ControlSocketError(operation: "connect", path: address.path, errno: errno)
        }
        return connection
    }

    private func awaitPendingConnect() -> Int32 {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while poll(&entry, 1, -1) == -1 {
            if errno != EINTR { return -1 }
        }
        var pending: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &pending, &length) == 0 else { return -1 }
        if pending != 0 {
            errno = pending
            return -1
        }
        return 0
    }

    /// Bounds every later receive and send: a peer that stops reading or writing makes the call
    /// fail with EAGAIN after `timeout` instead of blocking for ever.
    public func setTimeouts(_ timeout: Duration) throws(ControlSocketError) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        if value.tv_sec == 0 && value.tv_usec == 0 { value.tv_usec = 1 }  // zero would mean "no timeout"
        let size = socklen_t(MemoryLayout<timeval>.size)
        for (option, name) in [(SO_RCVTIMEO, "setsockopt SO_RCVTIMEO"), (SO_SNDTIMEO, "setsockopt SO_SNDTIMEO")] {
            try SystemCall.retrying(name, path: path) { setsockopt(descriptor, SOL_SOCKET, option, &value, size) }
        }
    }

    /// Sends every byte, or throws (EPIPE when the peer has gone, EAGAIN on timeout). Never
    /// raises SIGPIPE.
    public func send(_ bytes: [UInt8]) throws(ControlSocketError) {
        var offset = 0
        while offset < bytes.count {
            let sent = try SystemCall.retrying("send", path: path) {
                bytes.withUnsafeBytes { raw in
                    systemSend(descriptor, raw.baseAddress! + offset, raw.count - offset, noSignal)
                }
            }
            offset += sent
        }
    }

    /// Receives up to `maxCount` bytes; an empty result means the peer closed its side.
    public func receive(maxCount: Int = 64 * 1024) throws(ControlSocketError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maxCount)
        let count = try SystemCall.retrying("recv", path: path) {
            bytes.withUnsafeMutableBytes { raw in recv(descriptor, raw.baseAddress!, raw.count, 0) }
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Ends both directions now: a receive or send blocked in another thread returns at once.
    /// Used when the daemon stops while a client is connected.
    public func shutdown() {
        _ = systemShutdown(descriptor, Int32(SHUT_RDWR))
    }
}

// The C names, reached past the members of the same name.
#if os(Linux)
private let noSignal = Int32(MSG_NOSIGNAL)
#else
private let noSignal: Int32 = 0
#endif
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
private func systemSend(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, buffer, count, flags)
}
private func systemShutdown(_ fd: Int32, _ how: Int32) -> Int32 {
    shutdown(fd, how)
}
