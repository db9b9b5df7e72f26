import Foundation

/// Hands one value from a thread the test started to the thread that waits for it.
final class Handoff<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func put(_ newValue: Value) {
        condition.lock(); value = newValue; condition.signal(); condition.unlock()
    }

    /// The value, once it is there.
    func take() -> Value {
        condition.lock(); defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }

    /// The value, or nil when none arrived within `seconds`.
    func take(within seconds: TimeInterval) -> Value? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock(); defer { condition.unlock() }
        while value == nil, condition.wait(until: deadline) {}
        return value
    }
}
