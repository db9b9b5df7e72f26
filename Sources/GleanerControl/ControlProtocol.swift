/// The control protocol spoken between `gleanerctl` and `gleanerd` over the unix socket, in
/// one versioned place. Both sides compare the version before anything else: a request or a
/// reply carrying another number is refused with `incompatibilityMessage`, never guessed at.
///
/// Framing (docs/control-protocol.md has the full description):
/// - the client sends one request line: `{"protocol":1,"command":"list","args":{…}}`;
/// - the server answers one header line: `{"ok":true,"protocol":1}`, or
///   `{"code":"not-found","message":"…","ok":false,"protocol":1}` and closes;
/// - after an `ok` header: payload lines (one JSON document for status/list/show, one article per
///   line for export), then an empty line and a trailer line, `{"count":N,"ok":true}` or an error
///   trailer when the command failed after its header was sent; then the server closes.
///
/// Changelog (a change that an older peer would misread gets a new number):
/// - 1: first version: status, list, show, export; the commands sources, fetch, reload, history
///   and diff are reserved (their names and arguments are fixed; a daemon that does not serve one
///   yet answers `unsupported`). Later within 1: sources, fetch, reload, history and diff are
///   served; `list` takes an optional `changedSince` and summaries carry `lastChanged` (an older
///   peer reads both; see docs/control-protocol.md).
public enum ControlProtocol {
    /// The protocol version this build speaks, and the only one it accepts.
    public static let version = 1

    /// The longest request line a server reads; a request is a command and a few arguments.
    public static let maxRequestLineLength = 64 * 1024

    /// The one message for a version mismatch, whichever side notices it.
    public static func incompatibilityMessage(client: Int, server: Int) -> String {
        "incompatible gleanerctl and gleanerd (gleanerctl speaks protocol \(client), gleanerd \(server))"
    }
}
