#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call on the control socket: the operation, the socket path it concerned and
/// the errno, so that a message says what failed, where and why.
public struct ControlSocketError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The system's text for the errno, e.g. "Connection refused".
    public var reason: String { String(cString: strerror(code)) }

    /// True when a receive or send gave up because the socket's timeout passed.
    public var isTimeout: Bool { code == EAGAIN || code == EWOULDBLOCK }

    public var description: String { "\(operation) \(path): \(reason) (errno \(code))" }
}

/// The one way control-socket code calls the system: retries EINTR, turns -1 into a
/// `ControlSocketError` naming the operation and path. (swift-system's `valueOrErrno` idea.)
public enum ControlSyscall {
    @discardableResult
    public static func call<Result: FixedWidthInteger>(
        _ operation: String, path: String, _ body: () -> Result
    ) throws(ControlSocketError) -> Result {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw ControlSocketError(operation: operation, path: path, code: code)
        }
    }
}
