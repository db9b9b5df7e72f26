import Foundation
import GleanerCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The client side of the control protocol, as `gleanerctl` uses it: one connection per
/// command, blocking on the calling thread. Every method throws `ControlClientError`, except
/// that an error thrown by a caller's line handler passes through unchanged.
public struct ControlClient: Sendable {
    public let socketPath: String
    /// How long one receive or send may wait for the daemon (not the whole reply: a long export
    /// keeps going as long as lines arrive).
    public var timeout: Duration

    public init(socketPath: String, timeout: Duration = .seconds(60)) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    public func status() throws -> StatusReport {
        try single(.status, as: StatusReport.self)
    }

    public func list(_ query: ListQuery = ListQuery()) throws -> [ArticleSummary] {
        try single(.list(query), as: [ArticleSummary].self)
    }

    /// The whole article document; `version`, when given, is checked to exist by the daemon.
    public func show(id: String, version: Int? = nil) throws -> Article {
        try single(.show(id: id, version: version), as: Article.self)
    }

    /// Every version of one article with the words each added and removed.
    public func history(id: String) throws -> HistoryReply {
        try single(.history(id: id), as: HistoryReply.self)
    }

    /// A word-level difference between two versions of one article: `to` defaults to the
    /// current version, `from` to the version before `to` (see `DiffReply`).
    public func diff(id: String, from: Int? = nil, to: Int? = nil) throws -> DiffReply {
        try single(.diff(id: id, from: from, to: to), as: DiffReply.self)
    }

    /// Every configured source with its health, in configuration order.
    public func sources() throws -> [SourceStatus] {
        try single(.sources, as: [SourceStatus].self)
    }

    /// Asks for the named sources (all when empty) to be fetched now; returns their names.
    public func fetch(_ names: [String]) throws -> FetchReply {
        try single(.fetch(sources: names), as: FetchReply.self)
    }

    /// Asks gleanerd to read its configuration again, as SIGHUP does.
    public func reload() throws -> ReloadReply {
        try single(.reload, as: ReloadReply.self)
    }

    /// Streams the export: `line` gets each article's JSON line (without its newline) as it
    /// arrives, so nothing is held in memory. Returns the number of articles.
    @discardableResult
    public func export(since: Date? = nil, line: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        try perform(.export(since: since), payload: line)
    }

    /// Sends `request` and hands each payload line to `payload`; returns how many there were
    /// once the daemon's trailer confirmed the reply complete.
    @discardableResult
    public func perform(_ request: ControlRequest, payload: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        var exchange = try ControlExchange(socketPath: socketPath, timeout: timeout)
        try exchange.send(request)
        try exchange.readHeader()
        return try exchange.readPayload(payload)
    }

    /// A reply of exactly one JSON document, decoded as `T`.
    private func single<T: Decodable>(_ request: ControlRequest, as type: T.Type) throws -> T {
        var document: ArraySlice<UInt8>?
        let count = try perform(request) { line in document = line }
        guard count == 1, let document else {
            throw ControlClientError.io(
                socketPath: socketPath, detail: "expected one document in the reply to \(request.command.rawValue), got \(count)")
        }
        do {
            return try ArticleJSON.decoder().decode(T.self, from: Data(document))
        } catch {
            throw ControlClientError.io(
                socketPath: socketPath, detail: "unreadable reply to \(request.command.rawValue): \(describe(error))")
        }
    }
}

/// One request and its reply on one connection: sending, then reading the header, the payload
/// and the trailer in that order, mapping every failure to a `ControlClientError`.
struct ControlExchange {
    let socketPath: String
    private var reader: ControlLineReader

    init(socketPath: String, timeout: Duration) throws {
        self.socketPath = socketPath
        let socket: ControlSocket
        do {
            socket = try ControlSocket.connect(to: try UnixSocketAddress(path: socketPath))
            try socket.setTimeouts(timeout)
        } catch {
            switch error.errno {
            case ENOENT, ENOTDIR:
                throw ControlClientError.notRunning(socketPath: socketPath, reason: .noSocket)
            case ECONNREFUSED:
                throw ControlClientError.notRunning(socketPath: socketPath, reason: .connectionRefused)
            default:
                throw ControlClientError.io(socketPath: socketPath, detail: "\(error.operation): \(error.reason)")
            }
        }
        reader = ControlLineReader(socket: socket)
    }

    func send(_ request: ControlRequest) throws {
        let line: [UInt8]
        do {
            line = try request.encodedLine()
        } catch {
            throw ControlClientError.io(socketPath: socketPath, detail: "cannot encode the request: \(error)")
        }
        do {
            try reader.socket.send(line)
        } catch {
            throw ioError(error)
        }
    }

    /// Reads the header; throws for a version mismatch or an error header.
    mutating func readHeader() throws {
        guard let line = try nextLine() else {
            throw ControlClientError.io(socketPath: socketPath, detail: "gleanerd closed the connection without answering")
        }
        let decoder = ArticleJSON.decoder()
        // The version first: a newer daemon's header may not decode as this version's.
        guard let probe = try? decoder.decode(HeaderVersionProbe.self, from: Data(line)) else {
            throw malformed("the reply header is not a JSON object with a protocol number")
        }
        guard probe.protocol == ControlProtocol.version else {
            throw ControlClientError.incompatible(client: ControlProtocol.version, server: probe.protocol)
        }
        guard let header = try? decoder.decode(ControlReplyHeader.self, from: Data(line)) else {
            throw malformed("the reply header cannot be read")
        }
        if !header.ok {
            let code = header.code ?? .failed
            // A daemon of the same version that still found our request incompatible.
            if code == .incompatibleProtocol {
                throw ControlClientError.incompatible(client: ControlProtocol.version, server: probe.protocol)
            }
            throw ControlClientError.commandFailed(code: code, message: header.message ?? "gleanerd reported an error (\(code))")
        }
    }

    /// Hands each payload line to `body` until the empty line, then checks the trailer.
    mutating func readPayload(_ body: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        var count = 0
        while true {
            guard let line = try nextLine() else {
                throw ControlClientError.io(
                    socketPath: socketPath, detail: "the reply ended after \(count) lines, before its trailer (gleanerd stopped?)")
            }
            if line.isEmpty { break }
            try body(line)
            count += 1
        }
        guard let line = try nextLine(),
            let trailer = try? ArticleJSON.decoder().decode(ControlReplyTrailer.self, from: Data(line))
        else {
            throw malformed("the reply trailer is missing or unreadable")
        }
        if !trailer.ok {
            let code = trailer.code ?? .failed
            throw ControlClientError.commandFailed(code: code, message: trailer.message ?? "gleanerd reported an error (\(code))")
        }
        guard trailer.count == count else {
            throw malformed("the trailer counts \(trailer.count) lines, \(count) arrived")
        }
        return count
    }

    private mutating func nextLine() throws -> ArraySlice<UInt8>? {
        do {
            return try reader.nextLine()
        } catch let error as ControlSocketError {
            throw ioError(error)
        } catch {
            throw ControlClientError.io(socketPath: socketPath, detail: String(describing: error))
        }
    }

    private func ioError(_ error: ControlSocketError) -> ControlClientError {
        if error.isTimeout {
            return .io(socketPath: socketPath, detail: "\(error.operation): no answer within the timeout")
        }
        return .io(socketPath: socketPath, detail: "\(error.operation): \(error.reason)")
    }

    private func malformed(_ detail: String) -> ControlClientError {
        .io(socketPath: socketPath, detail: detail)
    }
}

private struct HeaderVersionProbe: Decodable {
    var `protocol`: Int
}
