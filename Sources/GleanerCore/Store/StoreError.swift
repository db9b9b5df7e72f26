/// A failure of the article store: what it was doing, on which path, and why (an errno through
/// `SystemError`, or a reason of its own such as an unknown format number). Never the input's
/// fault: the input stays in the inbox and is tried again.
public struct StoreError: StageError, Equatable {
    public var stage: String { "store" }
    public var blamesInput: Bool { false }

    /// What the store was doing, e.g. "open store", "write article".
    public var operation: String
    public var path: String?
    /// Why it failed, readable as is.
    public var reason: String
    /// The errno, when a system call failed.
    public var errno: Int32?

    public init(operation: String, path: String?, reason: String, errno: Int32? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.errno = errno
    }

    public init(operation: String, _ cause: SystemError) {
        self.init(
            operation: operation, path: cause.path,
            reason: "\(cause.operation) failed: \(cause.reason) (errno \(cause.errno))", errno: cause.errno)
    }

    public var description: String {
        "\(operation)\(path.map { " \($0)" } ?? ""): \(reason)"
    }
}
