import Foundation
import GleanerControl
import GleanerDaemon
import Testing

/// A handler that tells when a request reached it, then waits until cancelled.
struct HangingHandler: ControlHandler {
    let started: AsyncStream<Void>.Continuation

    func handle(_ request: ControlRequest, reply: ControlReplyWriter) async throws {
        started.yield()
        try await Task.sleep(for: .seconds(3_600))
    }
}

@Suite("Control server shutdown", .timeLimit(.minutes(1)))
struct ControlServerShutdownTests {
    @Test("cancelling run() cuts off a connection in progress and removes the socket")
    func cancelInFlight() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let (started, continuation) = AsyncStream.makeStream(of: Void.self)
        let server = try ControlServer(
            socketPath: path, handler: HangingHandler(started: continuation), logger: ServerFixtures.logger)
        let outcome = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                do {
                    _ = try await onThread { try ControlClient(socketPath: path).status() }
                    return "succeeded"
                } catch let error as ControlClientError {
                    return error.description
                }
            }
            // Wait until the request is in the handler, then stop the server.
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            let cancelled = ContinuousClock.now
            // Cancels the server; the client's task waits on its thread until the server cuts it off.
            group.cancelAll()
            var clientOutcome: String?
            while let result = try await group.next() {
                if let result { clientOutcome = result }
            }
            #expect(ContinuousClock.now - cancelled < .seconds(20))
            return clientOutcome
        }
        let message = try #require(outcome)
        #expect(message.hasPrefix("cannot talk to gleanerd at \(path)"), "\(message)")
        #expect(fileMode(path) == nil)
    }
}
