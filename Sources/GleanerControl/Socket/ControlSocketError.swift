#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GleanerCore

/// A failed system call on the control socket: a `SystemError` (the operation, the socket path
/// it concerned and the errno), made through `SystemCall.retrying` like every other system call.
/// The name stays so that socket APIs say which failures they throw.
public typealias ControlSocketError = SystemError

extension SystemError {
    /// True when a receive or send gave up because the socket's timeout passed.
    public var isTimeout: Bool { errno == EAGAIN || errno == EWOULDBLOCK }
}
