import Foundation
import GleanerCore

/// The wire form of a request: `{"args":{…},"command":"show","protocol":1}` on one line.
/// Only the arguments a command takes are written; absent optional ones are left out.
extension ControlRequest {
    /// The request as one line, newline included, ready to send.
    public func encodedLine() throws -> [UInt8] {
        let wire = WireRequest(protocol: ControlProtocol.version, command: command, args: arguments)
        var line = Array(try ArticleJSON.encoder().encode(wire))
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Decodes one request line (without its newline). Every way a line can be wrong becomes a
    /// `ControlFailure` with a stable code, so the server can answer it instead of failing.
    public static func decode(line: some Collection<UInt8>) throws(ControlFailure) -> ControlRequest {
        let data = Data(line)
        let decoder = ArticleJSON.decoder()
        let probe: VersionProbe
        do {
            probe = try decoder.decode(VersionProbe.self, from: data)
        } catch {
            throw ControlFailure(.malformedRequest, "the request is not a JSON object with a protocol number")
        }
        guard probe.protocol == ControlProtocol.version else {
            throw ControlFailure(
                .incompatibleProtocol,
                ControlProtocol.incompatibilityMessage(client: probe.protocol, server: ControlProtocol.version))
        }
        let wire: WireRequest
        do {
            wire = try decoder.decode(WireRequest.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.map(\.stringValue) == ["command"] {
            let known = ControlCommand.allCases.map(\.rawValue).joined(separator: ", ")
            throw ControlFailure(.unknownCommand, "unknown command \"\(probe.command ?? "")\" (known: \(known))")
        } catch {
            throw ControlFailure(.invalidArgument, "bad arguments: \(describe(error))")
        }
        return try wire.request()
    }

    private var arguments: WireArguments {
        var args = WireArguments()
        switch self {
        case .status, .sources, .reload:
            break
        case .list(let query):
            args.since = query.since
            args.limit = query.limit
            args.source = query.source
            args.changedSince = query.changedSince
        case .show(let id, let version):
            args.id = id
            args.version = version
        case .export(let since):
            args.since = since
        case .fetch(let sources):
            args.sources = sources
        case .history(let id):
            args.id = id
        case .diff(let id, let from, let to):
            args.id = id
            args.from = from
            args.to = to
        }
        return args
    }
}

/// The fields read before anything else, so that a newer peer's request is refused for its
/// version and not for some field this version does not know.
private struct VersionProbe: Decodable {
    var `protocol`: Int
    var command: String?
}

private struct WireRequest: Codable {
    var `protocol`: Int
    var command: ControlCommand
    var args: WireArguments

    init(protocol: Int, command: ControlCommand, args: WireArguments) {
        self.protocol = `protocol`
        self.command = command
        self.args = args
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.protocol = try c.decode(Int.self, forKey: .protocol)
        command = try c.decode(ControlCommand.self, forKey: .command)
        // A command without arguments may leave `args` out.
        args = try c.decodeIfPresent(WireArguments.self, forKey: .args) ?? WireArguments()
    }

    /// Checks that the arguments the command needs are there and sensible.
    func request() throws(ControlFailure) -> ControlRequest {
        switch command {
        case .status: return .status
        case .sources: return .sources
        case .reload: return .reload
        case .list:
            if let limit = args.limit, limit < 0 {
                throw ControlFailure(.invalidArgument, "limit must not be negative (got \(limit))")
            }
            return .list(
                ListQuery(since: args.since, limit: args.limit, source: args.source, changedSince: args.changedSince))
        case .show:
            let id = try requiredID()
            if let version = args.version, version < 1 {
                throw ControlFailure(.invalidArgument, "version must be 1 or more (got \(version))")
            }
            return .show(id: id, version: args.version)
        case .export:
            return .export(since: args.since)
        case .fetch:
            return .fetch(sources: args.sources ?? [])
        case .history:
            return .history(id: try requiredID())
        case .diff:
            let id = try requiredID()
            for (name, value) in [("from", args.from), ("to", args.to)] {
                if let value, value < 1 {
                    throw ControlFailure(.invalidArgument, "version \(name) must be 1 or more (got \(value))")
                }
            }
            return .diff(id: id, from: args.from, to: args.to)
        }
    }

    private func requiredID() throws(ControlFailure) -> String {
        guard let id = args.id, !id.isEmpty else {
            throw ControlFailure(.invalidArgument, "the command \(command.rawValue) needs an article id")
        }
        return id
    }
}

/// Every argument any command takes; each command reads its own.
private struct WireArguments: Codable {
    var since: Date?
    var limit: Int?
    var source: String?
    var id: String?
    var version: Int?
    var sources: [String]?
    var from: Int?
    var to: Int?
    /// Added to `list` within protocol 1; an older client leaves it out (see the changelog).
    var changedSince: Date?
}

/// A short account of a decoding error: which key, and what was wrong with it.
func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
        return keys.isEmpty ? "" : "\(keys.joined(separator: ".")): "
    }
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return path(context) + context.debugDescription
    case .keyNotFound(let key, let context):
        return path(context) + "missing key \(key.stringValue)"
    @unknown default:
        return String(describing: error)
    }
}
