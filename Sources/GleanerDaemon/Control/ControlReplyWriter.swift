import Foundation
import GleanerControl
import GleanerCore

/// Writes the reply to one control request: the header, the payload lines, the trailer. A
/// handler only calls `send`; the server opens and closes the reply around it. Owns the
/// connection's encoder and an output buffer, flushed once it holds `flushThreshold` bytes, so an
/// export of many articles makes few system calls and holds little memory.
///
/// The `ok` header goes out with the first flush, so a handler that throws before anything was
/// flushed still gets a clean error header instead of an `ok` header and an error trailer.
public actor ControlReplyWriter {
    static let flushThreshold = 64 * 1024

    private let connection: ServerConnection
    private let encoder = ArticleJSON.encoder()
    private var buffer: [UInt8] = []
    private var headerQueued = false
    private var flushedAny = false
    private var count = 0
    private var closed = false
    /// Set once a write failed (the client went away): every later call fails at once.
    private var broken: (any Error)?

    init(connection: ServerConnection) {
        self.connection = connection
    }

    /// Sends `document` as one payload line.
    public func send(_ document: some Encodable & Sendable) async throws {
        let line: [UInt8]
        do {
            line = try ControlLine.encode(document, with: encoder)
        } catch {
            throw ControlFailure(.failed, "cannot encode the reply: \(error)")
        }
        try await append(line)
    }

    /// Sends one payload line that is already compact JSON (for instance a stored document read
    /// as bytes), without decoding it. It must not contain a newline.
    public func send(encodedJSON json: [UInt8]) async throws {
        guard !json.isEmpty, !json.contains(UInt8(ascii: "\n")) else {
            throw ControlFailure(.failed, "a reply line must be non-empty, compact JSON without newlines")
        }
        try await append(json + [UInt8(ascii: "\n")])
    }

    private func append(_ line: [UInt8]) async throws {
        guard !closed else { throw ControlFailure(.failed, "the reply is already complete") }
        if let broken { throw broken }
        if !headerQueued {
            buffer += try ControlLine.encode(ControlReplyHeader.success, with: encoder)
            headerQueued = true
        }
        buffer += line
        count += 1
        if buffer.count >= Self.flushThreshold { try await flush() }
    }

    /// Ends a successful reply: the `ok` header if nothing was sent, the empty line, the trailer.
    func finish() async throws {
        guard !closed else { return }
        if let broken { throw broken }
        if !headerQueued {
            buffer += try ControlLine.encode(ControlReplyHeader.success, with: encoder)
            headerQueued = true
        }
        buffer.append(UInt8(ascii: "\n"))
        buffer += try ControlLine.encode(ControlReplyTrailer(ok: true, count: count), with: encoder)
        closed = true
        try await flush()
    }

    /// Ends a failed reply: an error header when nothing reached the client yet (what was
    /// buffered is dropped), else the empty line and an error trailer.
    func fail(_ failure: ControlFailure) async throws {
        guard !closed else { return }
        closed = true
        if let broken { throw broken }
        if flushedAny {
            buffer.append(UInt8(ascii: "\n"))
            buffer += try ControlLine.encode(
                ControlReplyTrailer(ok: false, count: count, code: failure.code, message: failure.message), with: encoder)
        } else {
            buffer = try ControlLine.encode(ControlReplyHeader.failure(failure), with: encoder)
        }
        try await flush()
    }

    private func flush() async throws {
        guard !buffer.isEmpty else { return }
        let bytes = buffer
        buffer.removeAll(keepingCapacity: true)
        flushedAny = true
        do {
            try await connection.write(bytes)
        } catch {
            broken = error
            throw error
        }
    }
}
