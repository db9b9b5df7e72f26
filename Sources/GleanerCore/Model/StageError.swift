/// An error raised while ingesting one input. `stage` names the step that failed (it is the
/// `stage` of a `.failed/NAME.reason.json`); `blamesInput` says whether the input itself is at
/// fault (it is then moved to `.failed/`) or the system is (the input stays and is retried).
public protocol StageError: Error, CustomStringConvertible, Sendable {
    var stage: String { get }
    var blamesInput: Bool { get }
}
