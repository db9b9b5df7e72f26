import CZlib
import Dispatch
import Synchronization

/// The index snapshot, `<store>/index/snapshot`: the whole `StoreIndex` and the file stamps it
/// was built from, in one binary file mapped at start (docs/store.md, "Index snapshot"). A
/// 64-byte header, then the payload:
/// ```
///  0  "GLNINDEX"                   8  format (UInt32, 3)      12  header size (UInt32, 64)
/// 16  generation (UInt64)         24  store's creation time (Double bits, from the marker)
/// 32  payload length (UInt64)     40  CRC-32 of the payload  44  CRC-32 of bytes 0..<44
/// 48  articles (UInt64)           56  zero
/// 64  payload: string table length (UInt64), string table, then the sections
/// ```
/// All numbers little-endian; the string table is padded to 8 bytes and raw arrays are aligned
/// to their element's size in the file, so they can be used where they lie. Format 1 had the
/// fingerprint heads as (key, entry) pairs, to be hashed into a table again at every start;
/// format 2 had content hashes as strings and a set of deliveries per article.
/// A value: made by `ArticleStore`, written and read here.
struct StoreIndexSnapshot {
    static let magic: [UInt8] = Array("GLNINDEX".utf8)
    static let currentFormat: UInt32 = 3
    static let headerSize = 64

    /// How many commits the store had taken in when the snapshot was made (docs/store.md).
    var generation: UInt64
    /// The `created` time of the store's marker: a snapshot copied from another store is refused.
    var storeCreated: Double
    var index: StoreIndex
    var stamps: StoreFileStamps

    /// What ties a snapshot to its store: the marker's creation time as it reads back from
    /// the marker file (whole seconds), so the first open and later ones agree.
    static func identity(of marker: StoreMarker) -> Double {
        marker.created.flatMap { Timestamp.parse(Timestamp.format($0)) }?.timeIntervalSince1970 ?? 0
    }

    /// The whole file in one buffer (tests and measurements).
    func encoded() -> [UInt8] { Array(encodedParts().joined()) }

    /// The whole file as three parts to be written in order: the header, the string table
    /// with its length, and the sections. At a million articles the sections alone are most
    /// of a gigabyte; joining the parts would hold each byte twice more while writing.
    func encodedParts() -> [[UInt8]] {
        var writer = SnapshotWriter(expectedStrings: index.summaries.count * 3)
        index.encode(into: &writer)
        stamps.encode(into: &writer)
        let strings = writer.stringTable
        var table: [UInt8] = []
        table.reserveCapacity(8 + strings.count)
        withUnsafeBytes(of: UInt64(strings.count).littleEndian) { table.append(contentsOf: $0) }
        table.append(contentsOf: strings)
        let body = writer.body
        let payloadCRC = body.withUnsafeBytes { body in
            table.withUnsafeBytes { table in Self.crc(body, from: 0, to: body.count, after: Self.crc(table, from: 0, to: table.count)) }
        }

        var header = SnapshotWriter()
        for byte in Self.magic { header.u8(byte) }
        header.u32(Self.currentFormat)
        header.u32(UInt32(Self.headerSize))
        header.u64(generation)
        header.f64(storeCreated)
        header.u64(UInt64(table.count + body.count))
        header.u32(payloadCRC)
        header.u32(Self.crc(header.body))
        header.u64(UInt64(index.summaries.count))
        header.u64(0)
        return [header.body, table, body]
    }

    /// Decodes a whole file built in memory.
    static func decode(_ bytes: [UInt8], storeCreated: Double) throws(SnapshotRefusal) -> StoreIndexSnapshot {
        try decode(SnapshotBytes(copying: bytes), storeCreated: storeCreated)
    }

    /// Decodes a whole file. `storeCreated` is the marker's time of the store it is read for.
    /// What is decoded may keep `bytes` alive (the near-duplicate index's arrays lie in them).
    static func decode(_ bytes: SnapshotBytes, storeCreated: Double) throws(SnapshotRefusal) -> StoreIndexSnapshot {
        guard bytes.count >= headerSize else { throw .truncated("\(bytes.count) bytes, shorter than the header") }
        guard bytes.bytes[0..<8].elementsEqual(magic) else { throw .notASnapshot }
        var header = SnapshotReader(bytes, from: 8, to: headerSize)
        do {
            let format = try header.u32()
            guard format == currentFormat else { throw SnapshotRefusal.format(format) }
            guard try header.u32() == UInt32(headerSize) else { throw SnapshotRefusal.damaged("the header size is wrong") }
            let generation = try header.u64()
            let created = try header.f64()
            let length = try header.u64()
            let payloadCRC = try header.u32()
            let headerCRC = try header.u32()
            guard headerCRC == crc(bytes.bytes, from: 0, to: 44) else { throw SnapshotRefusal.checksum("header") }
            guard created == storeCreated else { throw SnapshotRefusal.otherStore }
            guard length == UInt64(bytes.count - headerSize) else {
                throw SnapshotRefusal.truncated("the header announces \(length) payload bytes, the file has \(bytes.count - headerSize)")
            }
            var reader = SnapshotReader(bytes, from: headerSize, to: bytes.count)
            let tableLength = Int(clamping: try reader.u64())
            guard tableLength <= bytes.count - reader.offset else { throw SnapshotRefusal.damaged("the string table is longer than the file") }
            let tableStart = reader.offset
            let sectionsStart = tableStart + tableLength
            let sections = try sectionRanges(in: bytes, from: sectionsStart)
            var peek = SnapshotReader(bytes, from: sections.summaries.lowerBound, to: sections.summaries.upperBound)
            let articles = try StoreIndex.articleCount(inSummaries: &peek)
            // Two rounds of independent jobs on as many cores as there are. First the string
            // table and the near-duplicate index (no strings; its arrays are only checked, they
            // stay where they lie); then the sections that need the strings, each on its own
            // reader, and the checksum, longest first: at a million articles each is about a
            // second of hashing strings into tables (docs/benchmarks.md (f)).
            let results = SnapshotDecodeResults()
            DispatchQueue.concurrentPerform(iterations: 2) { job in
                if job == 0 {
                    let decoded = Result { () throws(SnapshotDamage) -> SnapshotReader in
                        var reader = SnapshotReader(bytes, from: tableStart, to: sectionsStart)
                        try reader.readStringTable()
                        guard reader.isAtEnd else { throw SnapshotDamage("the string table has bytes after its strings") }
                        return reader
                    }
                    results.strings.withLock { $0 = decoded }
                } else {
                    var reader = SnapshotReader(bytes, from: sections.near.lowerBound, to: sections.near.upperBound)
                    let decoded = Result { () throws(SnapshotDamage) -> NearDuplicateIndex in
                        try reader.section(.nearDuplicates) { (reader) throws(SnapshotDamage) in
                            try NearDuplicateIndex(from: &reader, articles: articles)
                        }
                    }
                    results.near.withLock { $0 = decoded }
                }
            }
            guard let stringsResult = results.strings.withLock({ $0 }), let nearResult = results.near.withLock({ $0 }) else {
                throw SnapshotRefusal.damaged("a part of the snapshot was not decoded")
            }
            let table = try stringsResult.get()
            DispatchQueue.concurrentPerform(iterations: 4) { job in
                func reader(_ range: Range<Int>) -> SnapshotReader {
                    var reader = SnapshotReader(bytes, from: range.lowerBound, to: range.upperBound)
                    reader.adoptStrings(of: table)
                    return reader
                }
                switch job {
                case 0:
                    var deliveries = reader(sections.deliveries)
                    var stamps = reader(sections.stamps)
                    let decoded = Result { () throws(SnapshotDamage) -> (StoreIndex.DeliveriesPart, StoreFileStamps) in
                        (
                            try StoreIndex.decodeDeliveries(from: &deliveries, articles: articles),
                            try StoreFileStamps(from: &stamps, articles: articles)
                        )
                    }
                    results.deliveries.withLock { $0 = decoded }
                case 1:
                    var maps = reader(sections.maps)
                    let decoded = Result { () throws(SnapshotDamage) in try StoreIndex.decodeMaps(from: &maps, articles: articles) }
                    results.maps.withLock { $0 = decoded }
                case 2:
                    results.checksumMatches.withLock { $0 = crc(bytes.bytes, from: headerSize, to: bytes.count) == payloadCRC }
                default:
                    var summaries = reader(sections.summaries)
                    let decoded = Result { () throws(SnapshotDamage) in try StoreIndex.decodeSummaries(from: &summaries) }
                    results.summaries.withLock { $0 = decoded }
                }
            }
            // A payload that fails its checksum is refused as such, whatever else its decode found.
            guard results.checksumMatches.withLock({ $0 }) else { throw SnapshotRefusal.checksum("payload") }
            guard let summariesResult = results.summaries.withLock({ $0 }), let mapsResult = results.maps.withLock({ $0 }),
                let deliveriesResult = results.deliveries.withLock({ $0 })
            else {
                throw SnapshotRefusal.damaged("a part of the snapshot was not decoded")
            }
            let (deliveries, stamps) = try deliveriesResult.get()
            var index = StoreIndex(try summariesResult.get(), try mapsResult.get(), deliveries)
            try index.adopt(try nearResult.get())
            return StoreIndexSnapshot(generation: generation, storeCreated: created, index: index, stamps: stamps)
        } catch let refusal as SnapshotRefusal {
            throw refusal
        } catch let damage as SnapshotDamage {
            throw .damaged(damage.description)
        } catch {
            throw .damaged("\(error)")
        }
    }

    /// Where each section lies (its tag and length included). They must follow one another in
    /// the order the writer keeps, with nothing after the last: a file that differs is damaged.
    private static func sectionRanges(in bytes: SnapshotBytes, from start: Int) throws(SnapshotDamage) -> SectionRanges {
        var ranges: [Range<Int>] = []
        var reader = SnapshotReader(bytes, from: start, to: bytes.count)
        for tag in SnapshotSection.allCases {
            let at = reader.offset
            let found = try reader.u32()
            guard found == tag.rawValue else { throw SnapshotDamage("expected section \(tag) (\(tag.rawValue)), found \(found)") }
            let length = Int(clamping: try reader.u64())
            guard length <= bytes.count - reader.offset else { throw SnapshotDamage("section \(found) claims \(length) bytes, more than the file holds") }
            ranges.append(at..<(reader.offset + length))
            reader = SnapshotReader(bytes, from: reader.offset + length, to: bytes.count)
        }
        guard reader.isAtEnd else { throw SnapshotDamage("there are bytes after the last section") }
        return SectionRanges(summaries: ranges[0], maps: ranges[1], deliveries: ranges[2], near: ranges[3], stamps: ranges[4])
    }

    private struct SectionRanges {
        var summaries, maps, deliveries, near, stamps: Range<Int>
    }

    /// Maps and decodes the file at `path`.
    static func read(_ path: String, storeCreated: Double) throws(SnapshotRefusal) -> StoreIndexSnapshot {
        let bytes: SnapshotBytes
        do {
            guard let mapped = try SnapshotBytes(mapping: path) else { throw SnapshotRefusal.missing }
            bytes = mapped
        } catch let refusal as SnapshotRefusal {
            throw refusal
        } catch {
            throw .unreadable("\(error)")
        }
        return try decode(bytes, storeCreated: storeCreated)
    }

    /// zlib's CRC-32 (the one `gzip` and `python3 -c 'import zlib'` compute), in chunks that
    /// fit its 32-bit length.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { crc($0, from: 0, to: $0.count) }
    }

    /// The CRC-32 of bytes `start..<end` of `raw`, continued from `after` (the CRC of what
    /// comes before them), so a file written in parts gets the CRC of the whole.
    static func crc(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int, after: UInt32 = 0) -> UInt32 {
        var value = uLong(after)  // zlib's CRC of nothing is 0
        var offset = start
        while offset < end {
            let chunk = min(end - offset, 1 << 30)
            value = crc32(value, raw.baseAddress!.assumingMemoryBound(to: Bytef.self) + offset, uInt(chunk))
            offset += chunk
        }
        return UInt32(truncatingIfNeeded: value)
    }
}

/// Why a snapshot is not used; the store then rebuilds the index from the article files and
/// logs this as the reason.
enum SnapshotRefusal: Error, CustomStringConvertible {
    case missing
    case unreadable(String)
    case truncated(String)
    case notASnapshot
    case format(UInt32)
    case checksum(String)
    case otherStore
    case damaged(String)
    /// The snapshot does not describe the article files as they are (`ArticleStore+Snapshot`).
    case stale(String)

    var description: String {
        switch self {
        case .missing: "there is no index snapshot"
        case .unreadable(let reason): "the index snapshot cannot be read: \(reason)"
        case .truncated(let detail): "the index snapshot is truncated (\(detail))"
        case .notASnapshot: "the index snapshot file does not start with GLNINDEX"
        case .format(let format): "the index snapshot is in format \(format), this version of Gleaner reads format \(StoreIndexSnapshot.currentFormat)"
        case .checksum(let part): "the index snapshot's \(part) checksum does not match"
        case .otherStore: "the index snapshot belongs to another store (its creation time differs from gleaner-store.json's)"
        case .damaged(let reason): "the index snapshot is damaged: \(reason)"
        case .stale(let reason): "the index snapshot is stale: \(reason)"
        }
    }
}

/// What the parallel jobs of `StoreIndexSnapshot.decode` hand back, each in its own slot.
private final class SnapshotDecodeResults: Sendable {
    let checksumMatches = Mutex(false)
    let near = Mutex<Result<NearDuplicateIndex, SnapshotDamage>?>(nil)
    let strings = Mutex<Result<SnapshotReader, SnapshotDamage>?>(nil)
    let summaries = Mutex<Result<StoreIndex.SummariesPart, SnapshotDamage>?>(nil)
    let maps = Mutex<Result<StoreIndex.MapsPart, SnapshotDamage>?>(nil)
    let deliveries = Mutex<Result<(StoreIndex.DeliveriesPart, StoreFileStamps), SnapshotDamage>?>(nil)
}
