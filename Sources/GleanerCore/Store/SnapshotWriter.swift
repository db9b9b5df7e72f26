/// Builds the payload of an index snapshot (format in `StoreIndexSnapshot`): fixed-width
/// little-endian integers in tagged sections, and strings interned into one table so that a
/// string used in several places (an article's id, a source's name) is stored, and later
/// decoded, once.
/// A value owned by the one encode that uses it.
struct SnapshotWriter {
    /// The sections, in the order they were written.
    private(set) var body: [UInt8] = []
    private var table: [String: UInt32] = [:]
    private var stringBytes: [UInt8] = []
    private var stringEnds: [UInt32] = []

    /// The index written for an absent optional string.
    static let noString = UInt32.max

    init(expectedStrings: Int = 0) {
        table.reserveCapacity(expectedStrings)
        stringEnds.reserveCapacity(expectedStrings)
    }

    mutating func u8(_ value: UInt8) { body.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) }
    }

    mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }

    /// An `Int` that must fit 32 bits (positions, counts of things in memory).
    mutating func int32(_ value: Int) { i32(Int32(truncatingIfNeeded: value)) }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) }
    }

    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// A double by its bit pattern, so a date comes back exactly as it was.
    mutating func f64(_ value: Double) { u64(value.bitPattern) }

    /// A whole array of 32-bit integers: its count, then the values.
    mutating func i32Array(_ values: [Int32]) {
        int32(values.count)
        #if _endian(little)
        values.withUnsafeBytes { body.append(contentsOf: $0) }
        #else
        for value in values { i32(value) }
        #endif
    }

    /// Zero bytes up to the next multiple of `alignment`. Offsets in `body` are offsets in the
    /// file less a multiple of 8 (the header and the padded string table come before it), so
    /// what is aligned here is aligned in the file, and can be used where it lies.
    mutating func align(to alignment: Int) {
        body.append(contentsOf: repeatElement(0, count: (alignment - body.count % alignment) % alignment))
    }

    /// A whole array of fixed-width integers, made of one or two parts, for
    /// `SnapshotReader.mappedArray`: the count, zero padding to the element's size, then the
    /// elements little-endian.
    mutating func rawArray<Element: FixedWidthInteger>(_ first: UnsafeBufferPointer<Element>, _ second: [Element] = []) {
        int32(first.count + second.count)
        align(to: MemoryLayout<Element>.size)
        #if _endian(little)
        body.append(contentsOf: UnsafeRawBufferPointer(first))
        second.withUnsafeBytes { body.append(contentsOf: $0) }
        #else
        for value in first { withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) } }
        for value in second { withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) } }
        #endif
    }

    /// The string's number in the table (added when new).
    mutating func string(_ value: String) {
        if let known = table[value] {
            u32(known)
            return
        }
        let number = UInt32(stringEnds.count)
        table[value] = number
        stringBytes.append(contentsOf: value.utf8)
        stringEnds.append(UInt32(stringBytes.count))
        u32(number)
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { u32(Self.noString) }
    }

    /// One section: its tag, its length, then what `write` puts in it.
    mutating func section(_ tag: SnapshotSection, _ write: (inout SnapshotWriter) -> Void) {
        u32(tag.rawValue)
        let lengthAt = body.count
        u64(0)
        let start = body.count
        write(&self)
        let length = UInt64(body.count - start).littleEndian
        withUnsafeBytes(of: length) { raw in
            for (offset, byte) in raw.enumerated() { body[lengthAt + offset] = byte }
        }
    }

    /// The string table as it is stored: count, end offsets, then the UTF-8 of every string,
    /// then zeros to a multiple of 8 bytes, so the sections after it start aligned.
    var stringTable: [UInt8] {
        var table = SnapshotWriter()
        table.u32(UInt32(stringEnds.count))
        table.u64(UInt64(stringBytes.count))
        #if _endian(little)
        stringEnds.withUnsafeBytes { table.body.append(contentsOf: $0) }
        #else
        for end in stringEnds { table.u32(end) }
        #endif
        table.body.append(contentsOf: stringBytes)
        table.align(to: 8)
        return table.body
    }
}

/// The tags of a snapshot's sections. A reader requires each of them exactly once, in this order.
enum SnapshotSection: UInt32, CaseIterable {
    case summaries = 1
    case maps = 2
    case deliveries = 3
    case nearDuplicates = 4
    case fileStamps = 5
}
