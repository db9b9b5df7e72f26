#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: which operation, on which path, and the errno it returned. Callers wrap
/// it in their stage's error; its description is meant to be read by an operator as is.
public struct SystemError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The call or step that failed, e.g. `open`, `fsync`, `rename`.
    public var operation: String
    /// The file or directory the call was about, when there was one.
    public var path: String?
    public var errno: Int32

    public init(operation: String, path: String?, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The C library's text for the errno, e.g. "No such file or directory".
    public var reason: String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }

    public var description: String {
        let target = path.map { " \($0)" } ?? ""
        return "\(operation)\(target): \(reason) (errno \(errno))"
    }
}
