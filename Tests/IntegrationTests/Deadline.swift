import Foundation

/// Waits for a condition with a deadline: the tests' only way to wait. Polls the condition
/// (the thing under test is another process, which cannot signal us), never sleeps blindly.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(60), every step: Duration = .milliseconds(25),
    _ condition: () throws -> Bool
) throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try condition() { return }
        if clock.now >= deadline { throw TimedOut(what: what, after: timeout) }
        Thread.sleep(forTimeInterval: Double(step.components.attoseconds) / 1e18)
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var after: Duration
    var description: String { "timed out after \(after) waiting for \(what)" }
}
