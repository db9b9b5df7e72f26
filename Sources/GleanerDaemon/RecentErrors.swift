import Foundation
import GleanerCore
import Synchronization

/// The last few ingestion errors, newest last, for `gleanerctl status`. Shared between the
/// inbox's task and the control server's; guarded by a mutex.
public final class RecentErrors: Sendable {
    public struct Entry: Sendable, Hashable {
        public var time: Date
        public var input: String
        public var stage: String
        public var error: String
    }

    private let entries = Mutex<[Entry]>([])
    private let capacity: Int

    public init(capacity: Int = 10) { self.capacity = capacity }

    public func record(_ error: any Error, input: String, at time: Date) {
        let stage = (error as? any StageError)?.stage ?? "ingest"
        let entry = Entry(time: time, input: input, stage: stage, error: "\(error)")
        entries.withLock { list in
            list.append(entry)
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }

    public func snapshot() -> [Entry] { entries.withLock { $0 } }
}
