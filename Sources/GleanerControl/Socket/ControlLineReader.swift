/// Reads newline-terminated lines from a `ControlSocket`, buffering what arrives past a line's
/// end for the next one. Used by both sides on the thread doing the connection's I/O.
public struct ControlLineReader {
    /// Why a line could not be read, beside the socket's own errors.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// No newline within `limit` bytes.
        case lineTooLong(limit: Int)
        /// The peer closed the connection in the middle of a line.
        case truncated

        public var description: String {
            switch self {
            case .lineTooLong(let limit): "a line is longer than \(limit) bytes"
            case .truncated: "the connection closed in the middle of a line"
            }
        }
    }

    public let socket: ControlSocket
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes, so a long line is scanned once.
    private var scanned = 0

    public init(socket: ControlSocket) {
        self.socket = socket
    }

    /// The next line without its newline, or nil when the peer closed between lines.
    /// Throws `Failure` or `ControlSocketError`.
    public mutating func nextLine(limit: Int? = nil) throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if let limit, buffer.count - start > limit {
                throw Failure.lineTooLong(limit: limit)
            }
            if start > 0 && start * 2 >= buffer.count {
                buffer.removeSubrange(..<start)
                scanned -= start
                start = 0
            }
            let bytes = try socket.receive()
            if bytes.isEmpty {
                if start == buffer.count { return nil }
                throw Failure.truncated
            }
            buffer.append(contentsOf: bytes)
        }
    }
}
