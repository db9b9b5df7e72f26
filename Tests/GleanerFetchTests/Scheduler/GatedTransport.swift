import Foundation
import GleanerCore
import Synchronization

/// Holds every request until `waitFor` requests are under way at once (or 5 s pass, which
/// fails the request), then lets them all through: proves fetches run concurrently.
final class GatedTransport: HTTPTransport {
    private struct State {
        var inFlight = 0
        var maximum = 0
    }

    private let inner: ScriptedTransport
    private let waitFor: Int
    private let state = Mutex(State())

    init(inner: ScriptedTransport, waitFor: Int) {
        self.inner = inner
        self.waitFor = waitFor
    }

    var maximumInFlight: Int {
        state.withLock { $0.maximum }
    }

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        state.withLock { state in
            state.inFlight += 1
            state.maximum = max(state.maximum, state.inFlight)
        }
        let start = ContinuousClock.now
        while state.withLock({ $0.maximum }) < waitFor {
            guard ContinuousClock.now - start < .seconds(5) else {
                throw FetchError(kind: .timeout, url: request.url, message: "the other requests never came")
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        return try await inner.fetch(request)
    }
}
