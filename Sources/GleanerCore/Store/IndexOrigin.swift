/// Where the store's in-memory index came from when the store was opened: loaded from the
/// index snapshot (and the article files changed since it read again), or rebuilt by reading
/// every article file, with the reason. Logged in "store opened" as `index` and
/// `indexReason`; benchmarks and tests read it to tell the two apart.
public enum IndexOrigin: Sendable, Hashable, CustomStringConvertible {
    /// From the snapshot of `generation`; `replayed` article files changed since it were read.
    case snapshot(generation: UInt64, replayed: Int)
    case rebuilt(reason: String)

    public var isSnapshot: Bool {
        if case .snapshot = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .snapshot(let generation, let replayed):
            "snapshot of generation \(generation), \(replayed) changed article file\(replayed == 1 ? "" : "s") read again"
        case .rebuilt(let reason):
            "rebuilt from the article files (\(reason))"
        }
    }
}
