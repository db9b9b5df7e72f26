import Dispatch
import GleanerControl

/// One accepted control connection. Its blocking reads and writes run on a serial dispatch
/// queue of its own, so that a slow or stuck client holds a dispatch thread (for at most the
/// socket timeout), never a thread of the Swift concurrency pool; the queue also keeps the
/// writes in the order they were asked for.
final class ServerConnection: Sendable {
    let socket: ControlSocket
    private let queue: DispatchQueue

    init(socket: ControlSocket) {
        self.socket = socket
        self.queue = DispatchQueue(label: "gleanerd.control.connection")
    }

    /// The request line, without its newline; nil when the client closed without sending one.
    func readRequestLine(limit: Int, isolation: isolated (any Actor)? = #isolation) async throws -> [UInt8]? {
        try await onQueue { [socket] in
            var reader = ControlLineReader(socket: socket)
            return try reader.nextLine(limit: limit).map(Array.init)
        }
    }

    /// Queues `bytes` before returning to the caller's executor for the first time, so writes
    /// asked for from one actor go out in the order it asked for them.
    func write(_ bytes: [UInt8], isolation: isolated (any Actor)? = #isolation) async throws {
        try await onQueue { [socket] in try socket.send(bytes) }
    }

    /// Ends the connection now: a read or write blocked on the queue returns at once.
    func shutdown() {
        socket.shutdown()
    }

    private func onQueue<Result: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation(isolation: isolation) { continuation in
            queue.async {
                continuation.resume(with: Swift.Result { try body() })
            }
        }
    }
}
