/// Turns the two halves of a raw header line into the name and value `Transfer` keeps: both
/// trimmed of spaces, tabs and line breaks, the name lower-cased. ASCII is handled byte by byte;
/// anything else falls back to `String`'s Unicode rules, so the result is the same as trimming
/// and lower-casing the decoded text (a Unicode line break such as U+2028 at an edge still goes).
enum HeaderBytes {
    static func name(_ bytes: UnsafeRawBufferPointer) -> String {
        let trimmed = trim(bytes)
        guard trimmed.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: trimmed, as: UTF8.self).trimmingWhitespace.lowercased()
        }
        return String(unsafeUninitializedCapacity: trimmed.count, initializingUTF8With: { buffer in
            for (index, byte) in trimmed.enumerated() {
                buffer[index] = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
            }
            return trimmed.count
        })
    }

    static func value(_ bytes: UnsafeRawBufferPointer) -> String {
        let trimmed = trim(bytes)
        let text = String(decoding: trimmed, as: UTF8.self)
        // A multi-byte character at either edge may be a Unicode line break.
        if let first = trimmed.first, let last = trimmed.last, first >= 0x80 || last >= 0x80 {
            return text.trimmingWhitespace
        }
        return text
    }

    /// The bytes without leading and trailing space, tab, LF, VT, FF and CR.
    private static func trim(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || (0x0A...0x0D).contains($0) }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start...end])
    }
}
