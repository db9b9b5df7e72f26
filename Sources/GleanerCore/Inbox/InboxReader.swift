#if canImport(Glibc)
import Glibc
#endif

/// Reads one settled inbox file without ever following a link or opening anything but the
/// regular file that was checked: the name is opened with `O_NOFOLLOW|O_NONBLOCK`, and the
/// open descriptor must be that same regular file (device and inode), which closes the race
/// where the name is swapped for a symlink or a FIFO after `lstat`. Stateless.
enum InboxReader {
    enum Outcome: Sendable {
        /// The whole file, unchanged while it was read.
        case contents([UInt8], InboxFileStatus)
        /// A process still holds it open for writing: it is still settling.
        case busy
        /// It is not what was checked any more (replaced, grown, written): settle it again.
        case changed
        /// It is gone.
        case gone
    }

    static func read(
        path: String, name: String, expected: InboxFileStatus, maxFileSize: Int
    ) throws(InboxInputError) -> Outcome {
        let fd: Int32
        do {
            fd = try SystemCall.open(path, flags: O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        } catch {
            switch error.errno {
            case ENOENT: return .gone
            // The name became a symbolic link after lstat; the next check will classify it.
            case ELOOP: return .changed
            default: throw InboxInputError(name: name, cause: .unreadable(error))
            }
        }
        defer { try? SystemCall.close(fd, path: path) }
        let before = try reading(name) { () throws(SystemError) in
            InboxFileStatus(try SystemCall.fstat(fd, path: path))
        }
        guard before.isRegularFile, before.device == expected.device, before.inode == expected.inode
        else { return .changed }
        guard before.size <= maxFileSize else {
            throw InboxInputError(name: name, cause: .tooLarge(size: before.size, limit: maxFileSize))
        }
        if InboxLease.isOpenForWriting(fd) == true { return .busy }
        guard before.sameContent(as: expected) else { return .changed }
        let (bytes, after) = try reading(name) { () throws(SystemError) in
            let bytes = try SystemCall.read(fd, limit: maxFileSize + 1, expected: before.size, path: path)
            return (bytes, InboxFileStatus(try SystemCall.fstat(fd, path: path)))
        }
        guard bytes.count == after.size, after.sameContent(as: before) else { return .changed }
        return .contents(bytes, after)
    }

    /// Runs system calls on the input, turning their failure into the input's failure.
    private static func reading<T>(
        _ name: String, _ body: () throws(SystemError) -> T
    ) throws(InboxInputError) -> T {
        do {
            return try body()
        } catch {
            throw InboxInputError(name: name, cause: .unreadable(error))
        }
    }
}
