/// Why a control command did not succeed, in the four ways `gleanerctl` tells apart (each has
/// its own exit code and message).
public enum ControlClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing listens at the socket path: it does not exist, or connecting was refused.
    case notRunning(socketPath: String, reason: NotRunningReason)
    /// The daemon speaks another protocol version (noticed by either side).
    case incompatible(client: Int, server: Int)
    /// The daemon answered with an error (unknown id, unsupported command, …).
    case commandFailed(code: ControlErrorCode, message: String)
    /// Talking to the daemon failed: permission denied, a timeout, a reset, a cut-off or
    /// unreadable reply.
    case io(socketPath: String, detail: String)

    public enum NotRunningReason: Sendable, Hashable {
        case noSocket, connectionRefused
    }

    public var description: String {
        switch self {
        case .notRunning(let path, .noSocket):
            "gleanerd is not running (no socket at \(path))"
        case .notRunning(let path, .connectionRefused):
            "gleanerd is not running (connection refused at \(path))"
        case .incompatible(let client, let server):
            ControlProtocol.incompatibilityMessage(client: client, server: server)
        case .commandFailed(_, let message):
            message
        case .io(let path, let detail):
            "cannot talk to gleanerd at \(path): \(detail)"
        }
    }
}
