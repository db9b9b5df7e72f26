import Foundation

/// What happens to an inbox file once its articles are durable in the store.
public enum AfterIngest: String, Sendable, Hashable, CaseIterable {
    /// Moved to `<inbox>/.done/NAME` (a suffix `.1`, `.2` … when the name is taken).
    case move
    /// Deleted.
    case delete
}

/// The inbox part of the configuration. A value; `Inbox.updateSettings` swaps it on SIGHUP
/// (everything but `directory` takes effect at once).
public struct InboxSettings: Sendable, Hashable {
    /// The watched directory; `.done/` and `.failed/` live inside it.
    public var directory: URL
    /// How long a file must stay unchanged before it is read.
    public var settle: Duration
    /// Files larger than this many bytes are moved to `.failed/` without being read.
    public var maxFileSize: Int
    public var afterIngest: AfterIngest
    /// The first wait before retrying a file whose ingest failed through no fault of its own
    /// (the store could not write); it doubles on each failure up to `maxRetryDelay`.
    public var retryDelay: Duration
    public var maxRetryDelay: Duration

    public init(
        directory: URL, settle: Duration = .milliseconds(250), maxFileSize: Int = 64 << 20,
        afterIngest: AfterIngest = .move, retryDelay: Duration = .seconds(1),
        maxRetryDelay: Duration = .seconds(300)
    ) {
        self.directory = directory
        self.settle = settle
        self.maxFileSize = maxFileSize
        self.afterIngest = afterIngest
        self.retryDelay = retryDelay
        self.maxRetryDelay = maxRetryDelay
    }

    /// The wait before retry number `attempt` (1 for the first retry).
    func retryDelay(attempt: Int) -> Duration {
        var delay = retryDelay
        for _ in 1..<max(attempt, 1) where delay < maxRetryDelay {
            delay *= 2
        }
        return min(delay, maxRetryDelay)
    }
}
