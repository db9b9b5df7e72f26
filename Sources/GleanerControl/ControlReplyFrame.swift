import Foundation
import GleanerCore

/// The first line of every reply. `protocol` is the daemon's version, so a client notices a
/// mismatch even when the daemon could read its request; `code` and `message` are set when
/// `ok` is false, and the server closes the connection right after such a header.
public struct ControlReplyHeader: Codable, Sendable, Hashable {
    public var `protocol`: Int
    public var ok: Bool
    public var code: ControlErrorCode?
    public var message: String?

    public static let success = ControlReplyHeader(protocol: ControlProtocol.version, ok: true)

    public static func failure(_ failure: ControlFailure) -> ControlReplyHeader {
        ControlReplyHeader(protocol: ControlProtocol.version, ok: false, code: failure.code, message: failure.message)
    }

    public init(protocol: Int, ok: Bool, code: ControlErrorCode? = nil, message: String? = nil) {
        self.protocol = `protocol`
        self.ok = ok
        self.code = code
        self.message = message
    }
}

/// The last line of a reply whose header was `ok`, after an empty line: it says whether every
/// payload line was sent (`count` of them) or the command failed midway (an export whose store
/// read failed), so that a client never takes a cut-off stream for a complete one.
public struct ControlReplyTrailer: Codable, Sendable, Hashable {
    public var ok: Bool
    public var count: Int
    public var code: ControlErrorCode?
    public var message: String?

    public init(ok: Bool, count: Int, code: ControlErrorCode? = nil, message: String? = nil) {
        self.ok = ok
        self.count = count
        self.code = code
        self.message = message
    }
}

/// One JSON line in the reply framing: the value, compact, with the newline.
public enum ControlLine {
    public static func encode(_ value: some Encodable, with encoder: JSONEncoder = ArticleJSON.encoder()) throws -> [UInt8] {
        var line = Array(try encoder.encode(value))
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
