/// Reads what `SnapshotWriter` wrote. Every read is bounds-checked and every number that
/// indexes something is checked against what it indexes, so a damaged payload that passed the
/// checksum by chance throws `SnapshotDamage` instead of trapping. A value owned by one decode.
struct SnapshotReader {
    private let file: SnapshotBytes
    private(set) var offset: Int
    private let end: Int
    /// The string table, decoded once before the sections.
    private(set) var strings: [String] = []

    /// Reads bytes `offset..<end` of `file`; offsets are from the file's start, which is where
    /// alignment is counted from.
    init(_ file: SnapshotBytes, from offset: Int, to end: Int) {
        self.file = file
        self.offset = offset
        self.end = end
    }

    /// Reads a payload built in memory (tests and measurements).
    init(_ bytes: [UInt8], from offset: Int, to end: Int) {
        self.init(SnapshotBytes(copying: bytes), from: offset, to: end)
    }

    private var bytes: UnsafeRawBufferPointer { file.bytes }

    var isAtEnd: Bool { offset == end }

    /// Uses the string table another reader of the same file has read.
    mutating func adoptStrings(of other: SnapshotReader) { strings = other.strings }

    private mutating func take(_ count: Int) throws(SnapshotDamage) -> Int {
        guard count >= 0, end - offset >= count else {
            throw SnapshotDamage("the payload ends at byte \(end), inside a value at byte \(offset)")
        }
        let start = offset
        offset += count
        return start
    }

    mutating func u8() throws(SnapshotDamage) -> UInt8 {
        bytes[try take(1)]
    }

    /// Steps over the zero bytes the writer put before an aligned array (`SnapshotWriter.align`).
    mutating func align(to alignment: Int) throws(SnapshotDamage) {
        let padding = (alignment - offset % alignment) % alignment
        let at = try take(padding)
        guard bytes[at..<(at + padding)].allSatisfy({ $0 == 0 }) else {
            throw SnapshotDamage("the padding at byte \(at) is not zero")
        }
    }

    /// A whole array of fixed-width integers as `SnapshotWriter.rawArray` wrote it (count,
    /// padding to the element's size, then the elements), used where it lies in the file.
    mutating func mappedArray<Element: FixedWidthInteger>(
        of type: Element.Type, atMost limit: Int, _ what: String
    ) throws(SnapshotDamage) -> MappedArray<Element> {
        let count = try self.count(atMost: limit, "\(what) count")
        try align(to: MemoryLayout<Element>.size)
        let at = try take(count * MemoryLayout<Element>.size)
        #if _endian(little)
        return MappedArray(file, offset: at, count: count)
        #else
        // A big-endian host reads a swapped copy, laid out the same way.
        var swapped = [UInt8](repeating: 0, count: count * MemoryLayout<Element>.size)
        swapped.withUnsafeMutableBytes { target in
            for index in 0..<count {
                let value = Element(littleEndian: bytes.loadUnaligned(fromByteOffset: at + index * MemoryLayout<Element>.size, as: Element.self))
                target.storeBytes(of: value, toByteOffset: index * MemoryLayout<Element>.size, as: Element.self)
            }
        }
        return MappedArray(SnapshotBytes(copying: swapped), offset: 0, count: count)
        #endif
    }

    mutating func u32() throws(SnapshotDamage) -> UInt32 {
        let at = try take(4)
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    mutating func i32() throws(SnapshotDamage) -> Int32 { Int32(bitPattern: try u32()) }

    mutating func u64() throws(SnapshotDamage) -> UInt64 {
        let at = try take(8)
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    mutating func i64() throws(SnapshotDamage) -> Int64 { Int64(bitPattern: try u64()) }

    mutating func f64() throws(SnapshotDamage) -> Double { Double(bitPattern: try u64()) }

    /// A count or position: not negative and at most `limit`.
    mutating func count(atMost limit: Int, _ what: String) throws(SnapshotDamage) -> Int {
        let value = Int(try i32())
        guard value >= 0, value <= limit else {
            throw SnapshotDamage("\(what) \(value) is out of range 0...\(limit)")
        }
        return value
    }

    /// A position in a table of `count` entries.
    mutating func position(below count: Int, _ what: String) throws(SnapshotDamage) -> Int {
        let value = Int(try i32())
        guard value >= 0, value < count else {
            throw SnapshotDamage("\(what) \(value) is not below \(count)")
        }
        return value
    }

    mutating func i32Array(atMost limit: Int, _ what: String) throws(SnapshotDamage) -> [Int32] {
        let count = try self.count(atMost: limit, "\(what) count")
        let at = try take(count * 4)
        return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count * 4)]))
            #if !_endian(little)
            for index in 0..<count { buffer[index] = Int32(littleEndian: buffer[index]) }
            #endif
            initialized = count
        }
    }

    mutating func string() throws(SnapshotDamage) -> String {
        let number = Int(try u32())
        guard number < strings.count else { throw SnapshotDamage("string \(number) is not in the table of \(strings.count)") }
        return strings[number]
    }

    mutating func optionalString() throws(SnapshotDamage) -> String? {
        let number = try u32()
        if number == SnapshotWriter.noString { return nil }
        guard Int(number) < strings.count else { throw SnapshotDamage("string \(number) is not in the table of \(strings.count)") }
        return strings[Int(number)]
    }

    /// Steps over the next section, which must be `tag`.
    mutating func skipSection(_ tag: SnapshotSection) throws(SnapshotDamage) {
        let found = try u32()
        guard found == tag.rawValue else { throw SnapshotDamage("expected section \(tag) (\(tag.rawValue)), found \(found)") }
        let length = Int(clamping: try u64())
        _ = try take(length)
    }

    /// Reads the string table (`SnapshotWriter.stringTable`) into `strings`.
    mutating func readStringTable() throws(SnapshotDamage) {
        let count = Int(try u32())
        let length = Int(try u64())
        guard count <= end - offset, length <= end - offset else {
            throw SnapshotDamage("the string table claims \(count) strings of \(length) bytes, more than the file holds")
        }
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for _ in 0..<count { ends.append(Int(try u32())) }
        let base = try take(length)
        var start = 0
        for stop in ends {
            guard stop >= start, stop <= length else { throw SnapshotDamage("string table offset \(stop) is out of order") }
            start = stop
        }
        var table: [String] = []
        table.reserveCapacity(count)
        start = 0
        for stop in ends {
            table.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(base + start)..<(base + stop)]), as: UTF8.self))
            start = stop
        }
        strings = table
        // The writer pads the table so that the sections after it start aligned.
        try align(to: 8)
    }

    /// Runs `read` over the next section, which must be `tag`, and checks it read the section
    /// to its end.
    mutating func section<Value>(
        _ tag: SnapshotSection, _ read: (inout SnapshotReader) throws(SnapshotDamage) -> Value
    ) throws(SnapshotDamage) -> Value {
        let found = try u32()
        guard found == tag.rawValue else { throw SnapshotDamage("expected section \(tag) (\(tag.rawValue)), found \(found)") }
        let length = Int(clamping: try u64())
        guard length <= end - offset else { throw SnapshotDamage("section \(tag) claims \(length) bytes, more than the file holds") }
        let stop = offset + length
        let value = try read(&self)
        guard offset == stop else { throw SnapshotDamage("section \(tag) is \(length) bytes but \(offset - (stop - length)) were read") }
        return value
    }
}

/// Why a snapshot's payload cannot be used, in words; the store rebuilds the index then.
struct SnapshotDamage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
