/// A stable, machine-readable reason for a failed command, sent in an error header or trailer
/// beside a human message. A struct rather than an enum so that a client can carry a code a
/// newer daemon invented without failing to decode the reply.
public struct ControlErrorCode: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The request line is not JSON, not an object, has no `protocol`, or is too long.
    public static let malformedRequest = ControlErrorCode(rawValue: "malformed-request")
    /// The request's protocol version is not the daemon's.
    public static let incompatibleProtocol = ControlErrorCode(rawValue: "incompatible-protocol")
    /// The `command` is not one this protocol version names.
    public static let unknownCommand = ControlErrorCode(rawValue: "unknown-command")
    /// An argument is missing or has a wrong type or value.
    public static let invalidArgument = ControlErrorCode(rawValue: "invalid-argument")
    /// A reserved command this daemon does not serve yet.
    public static let unsupported = ControlErrorCode(rawValue: "unsupported")
    /// The article, version or source asked for does not exist.
    public static let notFound = ControlErrorCode(rawValue: "not-found")
    /// The daemon could not carry the command out (store unreadable, shutting down, …).
    public static let failed = ControlErrorCode(rawValue: "failed")
    /// The client sent no complete request in time.
    public static let timeout = ControlErrorCode(rawValue: "timeout")
}

/// A command that failed with a stable code: thrown by a daemon's handler to answer with that
/// code, thrown by the request decoder for bad requests, and carried to the client.
public struct ControlFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ControlErrorCode
    public var message: String

    public init(_ code: ControlErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The one wording for an unknown article id; `gleanerctl` prints it as it is.
    public static func noSuchArticle(_ id: String) -> ControlFailure {
        ControlFailure(.notFound, "no article with id \(id)")
    }

    public static func noSuchVersion(_ version: Int, of id: String) -> ControlFailure {
        ControlFailure(.notFound, "article \(id) has no version \(version)")
    }

    public static func unsupported(_ command: ControlCommand) -> ControlFailure {
        ControlFailure(.unsupported, "this gleanerd does not serve the command \(command.rawValue) yet")
    }
}
