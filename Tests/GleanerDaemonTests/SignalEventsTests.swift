import Foundation
import Testing
@testable import GleanerDaemon

/// Signals sent to this very process arrive on the stream instead of killing it.
@Suite(.serialized) struct SignalEventsTests {
    @Test func aSignalSentToSelfArrivesOnTheStream() async throws {
        let events = SignalEvents(signals: [SIGHUP, SIGUSR2])
        let received = Task { () -> [Int32] in
            var seen: [Int32] = []
            for await signal in events {
                seen.append(signal)
                if seen.contains(SIGHUP) && seen.contains(SIGUSR2) { break }
            }
            return seen
        }
        // Signals may be coalesced or arrive before the source is armed on the dispatch queue;
        // resend until both arrive, up to a deadline. The deadline is generous: on two busy
        // cores the other suites' synchronous work can hold every cooperative thread for
        // seconds, and this stream is read on one of them.
        let deadline = ContinuousClock.now + .seconds(40)
        let sender = Task {
            while !Task.isCancelled && ContinuousClock.now < deadline {
                kill(getpid(), SIGHUP)
                kill(getpid(), SIGUSR2)
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let timeout = Task {
            try? await Task.sleep(until: deadline)
            received.cancel()
        }
        let seen = await received.value
        sender.cancel()
        timeout.cancel()
        #expect(seen.contains(SIGHUP))
        #expect(seen.contains(SIGUSR2))
    }

    @Test func signalsHaveNames() {
        #expect(SignalEvents.name(of: SIGTERM) == "SIGTERM")
        #expect(SignalEvents.name(of: SIGHUP) == "SIGHUP")
        #expect(SignalEvents.name(of: SIGINT) == "SIGINT")
    }
}
