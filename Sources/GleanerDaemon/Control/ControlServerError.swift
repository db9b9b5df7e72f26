import GleanerControl

/// Why the control server could not start or stopped: every case names the socket path.
public enum ControlServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A live daemon answered on the socket path.
    case alreadyListening(path: String)
    /// Something other than a socket is at the path; it is never removed.
    case notASocket(path: String)
    /// `run()` was called a second time.
    case alreadyRan(path: String)
    /// A system call failed (bind, listen, accept, …).
    case system(ControlSocketError)

    public var description: String {
        switch self {
        case .alreadyListening(let path): "another gleanerd is already listening on \(path)"
        case .notASocket(let path): "\(path) exists and is not a socket: refusing to replace it"
        case .alreadyRan(let path): "the control server on \(path) has already run"
        case .system(let error): "control socket: \(error)"
        }
    }
}
