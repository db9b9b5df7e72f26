#if canImport(Glibc)
import Glibc
#endif

/// What `lstat`/`fstat` said about an inbox entry: its identity (device, inode), its type and
/// the fields that change while it is written (size, mtime, ctime). Two equal statuses taken
/// `settle` apart mean the file was left alone in between.
struct InboxFileStatus: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var mode: UInt32
    var size: Int
    var modified: Timestamp
    var changed: Timestamp

    /// A `timespec` as plain numbers, so the status is `Equatable` and `Sendable`.
    struct Timestamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        mode = UInt32(info.st_mode)
        size = Int(info.st_size)
        modified = Timestamp(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        changed = Timestamp(seconds: Int(info.st_ctim.tv_sec), nanoseconds: Int(info.st_ctim.tv_nsec))
    }

    var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }

    /// Same file (device and inode) with the same content markers (size and mtime); used to
    /// check that a file did not change while it was read or ingested. ctime is left out:
    /// reading and renaming the file may touch it.
    func sameContent(as other: InboxFileStatus) -> Bool {
        device == other.device && inode == other.inode && size == other.size
            && modified == other.modified
    }

    /// The file type in words, for the reason of a refused entry.
    var kindDescription: String {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): "regular file"
        case UInt32(S_IFDIR): "directory"
        case UInt32(S_IFLNK): "symbolic link"
        case UInt32(S_IFIFO): "FIFO"
        case UInt32(S_IFSOCK): "socket"
        case UInt32(S_IFCHR): "character device"
        case UInt32(S_IFBLK): "block device"
        default: "file of unknown type"
        }
    }
}

/// The inbox's naming rules: which names are skipped and left alone, and how raw names from
/// the kernel become strings.
enum InboxNames {
    /// Suffixes of files that editors, downloaders and copy tools are still writing.
    static let temporarySuffixes = ["~", ".tmp", ".part", ".swp", ".crdownload"]
    /// The reason written beside a failed input: `.failed/NAME.reason.json`.
    static let reasonSuffix = ".reason.json"

    /// Hidden names (including `.done` and `.failed`) and temporary names are never touched.
    static func isSkipped(_ name: String) -> Bool {
        if name.hasPrefix(".") { return true }
        let lowered = name.lowercased()
        return temporarySuffixes.contains { lowered.hasSuffix($0) }
    }

    /// A name as the kernel gives it; nil when it is not valid UTF-8 (such a name could not be
    /// turned back into the same path, so it is reported and left alone).
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        String(validating: bytes, as: UTF8.self)
    }
}
