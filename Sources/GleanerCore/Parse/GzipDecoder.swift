import CZlib

/// Inflates gzip input (`.gz` files, possibly several members) with zlib, refusing to produce
/// more than a fixed number of bytes so that a small bomb cannot exhaust memory. Stateless.
struct GzipDecoder: Sendable {
    var maxDecodedSize: Int

    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes, or the reason they could not be had.
    func decode(_ input: [UInt8]) -> Result<[UInt8], GzipFailure> {
        var stream = z_stream()
        // 16 + MAX_WBITS asks zlib for the gzip framing (header and CRC checked).
        let initStatus = inflateInit2_(
            &stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { return .failure(.zlib("inflateInit2", initStatus, nil)) }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeBufferPointer { inBuf -> Result<[UInt8], GzipFailure> in
            guard let base = inBuf.baseAddress else { return .failure(.truncated) }
            var consumed = 0
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(inBuf.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > maxDecodedSize {
                    return .failure(.tooLarge(maxDecodedSize))
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    consumed = inBuf.count - Int(stream.avail_in)
                    // Another gzip member may follow (concatenated .gz files are valid gzip).
                    let rest = inBuf.count - consumed
                    guard rest >= 2, base[consumed] == 0x1F, base[consumed + 1] == 0x8B else {
                        return .success(output)
                    }
                    let reset = inflateReset(&stream)
                    guard reset == Z_OK else { return .failure(.zlib("inflateReset", reset, nil)) }
                case Z_BUF_ERROR:
                    // No progress possible: the input ended before the stream did.
                    return .failure(.truncated)
                default:
                    let message = stream.msg.map { String(cString: $0) }
                    return .failure(.zlib("inflate", status, message))
                }
            }
        }
    }
}

/// Why gzip input could not be inflated.
enum GzipFailure: Error, CustomStringConvertible {
    case tooLarge(Int)
    case truncated
    case zlib(String, Int32, String?)

    var description: String {
        switch self {
        case .tooLarge(let limit):
            return "gzip content decompresses to more than the limit of \(limit) bytes"
        case .truncated:
            return "gzip content is truncated"
        case .zlib(let call, let code, let message):
            return "gzip content is corrupt (\(call) returned \(code)\(message.map { ": \($0)" } ?? ""))"
        }
    }
}
