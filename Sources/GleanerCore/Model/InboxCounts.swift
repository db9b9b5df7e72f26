/// The inbox as `gleanerctl status` shows it: files waiting or settling, files in `.done/`,
/// inputs in `.failed/` (each counted once, not with its `.reason.json`).
public struct InboxCounts: Codable, Sendable, Hashable {
    public var pending: Int
    public var done: Int
    public var failed: Int

    public init(pending: Int = 0, done: Int = 0, failed: Int = 0) {
        self.pending = pending
        self.done = done
        self.failed = failed
    }
}
