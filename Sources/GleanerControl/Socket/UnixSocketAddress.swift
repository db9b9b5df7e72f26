#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GleanerCore

/// A filesystem unix socket address (`sockaddr_un`) for one path; refuses a path longer than
/// `sun_path` holds instead of truncating it to another path.
public struct UnixSocketAddress: Sendable {
    public let path: String
    private let storage: sockaddr_un

    public init(path: String) throws(ControlSocketError) {
        var address = sockaddr_un()
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity, !bytes.contains(0) else {
            throw ControlSocketError(
                operation: "socket address (at most \(capacity - 1) bytes)", path: path,
                errno: bytes.isEmpty || bytes.contains(0) ? EINVAL : ENAMETOOLONG)
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        self.path = path
        self.storage = address
    }

    /// Calls `body` with the address as the `sockaddr` pointer and length the socket calls take.
    public func withSockAddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                body(address, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }
}
