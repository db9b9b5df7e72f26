/// The name of a control command as it travels in a request's `command` field. Dispatch is on
/// this enum, never on strings.
public enum ControlCommand: String, Codable, Sendable, CaseIterable {
    case status, list, show, export
    // Reserved in protocol 1 for commands later issues add; see `ControlRequest`.
    case sources, fetch, reload, history, diff
}
