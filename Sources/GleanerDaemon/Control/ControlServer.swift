import Foundation
import GleanerControl
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The daemon's end of the control socket. `init` creates the socket file (refusing when another
/// gleanerd answers on the path, replacing a stale socket, with `mode` from the start); `run()`
/// accepts connections and serves each one concurrently through the handler until its task is
/// cancelled, then closes the socket and removes the file. Owns the listening socket; runs once.
///
/// Each connection: read one request line (bounded in length and time), decode it, hand it to
/// the handler, close. A client that stops reading or writing is cut off after `ioTimeout`; a
/// malformed request is answered with an error header.
public final class ControlServer: Sendable {
    public let socketPath: String
    public let ioTimeout: Duration
    private let handler: any ControlHandler
    private let logger: Logger
    private let listener: ListeningSocket
    private let ran = LockedFlag()

    public init(
        socketPath: String, mode: mode_t = 0o660, handler: any ControlHandler,
        ioTimeout: Duration = .seconds(10), logger: Logger
    ) throws(ControlServerError) {
        self.socketPath = socketPath
        self.ioTimeout = ioTimeout
        self.handler = handler
        self.logger = logger
        self.listener = try ListeningSocket(path: socketPath, mode: mode)
    }

    /// Serves until the calling task is cancelled (then returns normally after in-flight
    /// connections were cut off); throws if accepting fails for good.
    public func run() async throws {
        guard ran.set() else { throw ControlServerError.alreadyRan(path: socketPath) }
        defer { listener.close() }
        let loop: AcceptLoop
        do {
            loop = try AcceptLoop(listener: listener, logger: logger)
        } catch {
            throw ControlServerError.system(error)
        }
        let (connections, continuation) = AsyncStream.makeStream(of: ControlSocket.self)
        // Cancellation ends the `for await` below; this wakes the thread so it ends too.
        continuation.onTermination = { _ in loop.stop() }
        loop.start(continuation)
        logger.info("control socket listening", metadata: ["socket": "\(socketPath)"])

        // Discarding: a finished connection's task is freed at once, not kept for a `next()`
        // that a server running for months would never call.
        await withDiscardingTaskGroup { group in
            for await socket in connections {
                group.addTask {
                    await withTaskCancellationHandler {
                        await self.serve(ServerConnection(socket: socket))
                    } onCancel: {
                        socket.shutdown()
                    }
                }
            }
            group.cancelAll()
        }
        loop.stop()
        // The descriptor is closed (by the deferred `close`) only after the thread let go of it.
        if let failure = await loop.exited() {
            logger.error("control socket stopped accepting", metadata: ["socket": "\(socketPath)", "error": "\(failure)"])
            throw ControlServerError.system(failure)
        }
        logger.info("control socket closed", metadata: ["socket": "\(socketPath)"])
    }

    /// Serves one connection from request to close. Never throws: a failure is answered if the
    /// client can still hear it, and logged.
    private func serve(_ connection: ServerConnection) async {
        let writer = ControlReplyWriter(connection: connection)
        do {
            try connection.socket.setTimeouts(ioTimeout)
        } catch {
            logger.warning("control connection setup failed", metadata: ["error": "\(error)"])
            return
        }
        let request: ControlRequest
        do {
            guard let line = try await connection.readRequestLine(limit: ControlProtocol.maxRequestLineLength) else {
                return  // connected and left: nothing to answer
            }
            request = try ControlRequest.decode(line: line)
        } catch {
            guard let failure = requestFailure(error) else { return }
            logger.notice("bad control request", metadata: ["code": "\(failure.code)", "error": "\(failure.message)"])
            try? await writer.fail(failure)
            return
        }
        do {
            try await handler.handle(request, reply: writer)
            try await writer.finish()
        } catch {
            let failure = (error as? ControlFailure) ?? ControlFailure(.failed, String(describing: error))
            logger.notice(
                "control command failed",
                metadata: ["command": "\(request.command.rawValue)", "code": "\(failure.code)", "error": "\(failure.message)"])
            try? await writer.fail(failure)
        }
    }

    /// The answer to a request that could not be read; nil when the client is gone anyway.
    private func requestFailure(_ error: any Error) -> ControlFailure? {
        switch error {
        case let failure as ControlFailure:
            return failure
        case ControlLineReader.Failure.lineTooLong(let limit):
            return ControlFailure(.malformedRequest, "the request line is longer than \(limit) bytes")
        case let error as ControlSocketError where error.isTimeout:
            return ControlFailure(.timeout, "no complete request within \(ioTimeout)")
        default:
            return nil
        }
    }
}
