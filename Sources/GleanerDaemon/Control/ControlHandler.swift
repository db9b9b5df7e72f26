import GleanerControl

/// What the daemon does with a control request: reads the store, the inbox or the scheduler
/// and answers through `reply`. Called concurrently, once per connection, on the Swift
/// concurrency pool: it must not block a thread.
///
/// The reply: `reply.send(_:)` for each payload document (one for status, list and show; one per
/// article for export, sent as they are read so an export is never held in memory whole). To fail,
/// throw: a `ControlFailure` answers with its code and message (`ControlFailure.noSuchArticle`),
/// any other error with the code `failed` and the error's description. Returning after sending
/// nothing answers `ok` with no payload.
public protocol ControlHandler: Sendable {
    func handle(_ request: ControlRequest, reply: ControlReplyWriter) async throws
}
