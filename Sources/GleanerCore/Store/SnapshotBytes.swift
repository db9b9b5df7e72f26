#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an index snapshot, owned for as long as anything decoded from them lives.
/// A snapshot file is mapped rather than read: at a million articles it is over a gigabyte,
/// and reading it would first make the kernel zero that much fresh memory (about 1.8 s per
/// gigabyte on the machine of docs/benchmarks.md, against 0.25 s to map it from the page cache).
/// The near-duplicate index's big arrays then stay in the mapping (`MappedArray`), so loading
/// them copies nothing. The mapping is private and read-only; the store never writes a
/// snapshot in place (it renames a new file over it), so what is mapped never changes while
/// it is in use. Immutable, so shared across the decode's threads.
final class SnapshotBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` is a mapping to undo, or an allocation to free.
    private let mapped: Bool

    /// Maps the file at `path`; nil when there is no file.
    init?(mapping path: String) throws(SystemError) {
        let fd: Int32
        do {
            fd = try SystemCall.open(path, flags: O_RDONLY)
        } catch where error.errno == ENOENT {
            return nil
        }
        defer { try? SystemCall.close(fd, path: path) }
        let size = Int(try SystemCall.fstat(fd, path: path).st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        // MAP_POPULATE takes the page faults now, in one pass inside the kernel, rather than
        // one by one as the decode touches each page.
        guard let start = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), start != MAP_FAILED else {
            throw SystemError(operation: "mmap", path: path, errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: start, count: size)
        mapped = true
    }

    /// A copy of `source` in memory of its own (snapshots built in memory, tests), aligned as
    /// a mapping's start is for the fixed-width arrays read in place.
    init(copying source: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, source.count), alignment: 16)
        source.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[0..<source.count])
        mapped = false
    }

    deinit {
        guard let start = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: start), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: start).deallocate()
        }
    }

    var count: Int { bytes.count }
}

/// A read-only array of fixed-width integers lying in a snapshot's bytes, which it keeps
/// alive: the near-duplicate index's entries, chains and fingerprint slots as they were
/// loaded, used where they lie instead of copied into arrays of their own.
struct MappedArray<Element: FixedWidthInteger>: RandomAccessCollection, @unchecked Sendable {
    private let owner: SnapshotBytes?
    let buffer: UnsafeBufferPointer<Element>

    /// The empty array.
    init() {
        owner = nil
        buffer = UnsafeBufferPointer(start: nil, count: 0)
    }

    /// `count` elements at byte `offset` of `owner`, which must be aligned for `Element` and
    /// in little-endian order (`SnapshotReader.mappedArray` sees to both).
    init(_ owner: SnapshotBytes, offset: Int, count: Int) {
        self.owner = owner
        let start = owner.bytes.baseAddress.map { ($0 + offset).bindMemory(to: Element.self, capacity: count) }
        buffer = UnsafeBufferPointer(start: start, count: count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { buffer.count }
    subscript(position: Int) -> Element { buffer[position] }
}
