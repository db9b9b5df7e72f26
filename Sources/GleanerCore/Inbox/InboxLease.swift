#if canImport(Glibc)
import Glibc
#endif

/// A failed system call made by the inbox: which operation, on which path, and the errno.
/// Kept private to the inbox so it does not depend on another part's wrappers.
struct InboxSystemError: Error, CustomStringConvertible, Equatable {
    var operation: String
    var path: String
    var errno: Int32

    var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The few POSIX calls the inbox needs, each retrying `EINTR` and throwing the errno with the
/// operation and the path. Stateless; callable from any thread.
enum InboxSyscall {
    /// Linux fcntl commands that Glibc's module map does not export (they sit behind `_GNU_SOURCE`).
    /// Values from <linux/fcntl.h>: F_LINUX_SPECIFIC_BASE is 1024.
    static let fcntlSetLease: Int32 = 1024
    static let fcntlSetSignal: Int32 = 10

    /// Runs `body` until it does not fail with `EINTR`; a result of -1 throws the errno.
    @discardableResult
    static func retrying(
        _ operation: String, _ path: String, _ body: () -> Int32
    ) throws(InboxSystemError) -> Int32 {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw InboxSystemError(operation: operation, path: path, errno: code)
        }
    }

    static func lstat(_ path: String) throws(InboxSystemError) -> InboxFileStatus {
        var info = Glibc.stat()
        try retrying("lstat", path) { Glibc.lstat(path, &info) }
        return InboxFileStatus(info)
    }

    static func fstat(_ fd: Int32, _ path: String) throws(InboxSystemError) -> InboxFileStatus {
        var info = Glibc.stat()
        try retrying("fstat", path) { Glibc.fstat(fd, &info) }
        return InboxFileStatus(info)
    }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(InboxSystemError) -> Int32 {
        try retrying("open", path) { Glibc.open(path, flags, mode) }
    }

    /// Closes without retrying: on Linux the descriptor is gone even when close reports EINTR.
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    static func rename(_ from: String, _ to: String) throws(InboxSystemError) {
        try retrying("rename to \(to)", from) { Glibc.rename(from, to) }
    }

    static func unlink(_ path: String) throws(InboxSystemError) {
        try retrying("unlink", path) { Glibc.unlink(path) }
    }

    /// Creates a directory; one that already exists is fine.
    static func makeDirectory(_ path: String) throws(InboxSystemError) {
        do {
            try retrying("mkdir", path) { Glibc.mkdir(path, 0o777) }
        } catch where error.errno == EEXIST {
            return
        }
    }

    /// Makes the entries of a directory (renames, unlinks) durable.
    static func syncDirectory(_ path: String) throws(InboxSystemError) {
        let fd = try open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { close(fd) }
        try retrying("fsync", path) { Glibc.fsync(fd) }
    }

    /// A read or write: retries `EINTR`; a negative count becomes the errno.
    static func transfer(
        _ operation: String, _ path: String, _ body: () -> Int
    ) -> Result<Int, InboxSystemError> {
        while true {
            let count = body()
            if count >= 0 { return .success(count) }
            let code = Glibc.errno
            if code != EINTR {
                return .failure(InboxSystemError(operation: operation, path: path, errno: code))
            }
        }
    }

    /// Reads up to `limit` bytes until end of file.
    static func readAll(
        _ fd: Int32, _ path: String, expected: Int, limit: Int
    ) throws(InboxSystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(expected, limit))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = try chunk.withUnsafeMutableBytes { buffer in
                transfer("read", path) { Glibc.read(fd, buffer.baseAddress, wanted) }
            }.get()
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    static func writeAll(_ fd: Int32, _ path: String, _ bytes: [UInt8]) throws(InboxSystemError) {
        var offset = 0
        while offset < bytes.count {
            offset += try bytes.withUnsafeBytes { buffer in
                transfer("write", path) {
                    Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                }
            }.get()
        }
    }

    /// Whether some process holds the file open for writing, asked through a read lease taken
    /// and released at once: the kernel refuses a read lease with `EAGAIN` while any writer
    /// exists. Returns nil when leases are not available to us (not the owner, a file system
    /// without leases, leases disabled): the caller then relies on settling alone.
    ///
    /// The lease is held for a few instructions; a writer opening in that window would break it
    /// and the kernel would signal us. The signal is set to SIGURG, whose default action is to
    /// ignore it, so the default SIGIO cannot terminate the daemon.
    static func isOpenForWriting(_ fd: Int32) -> Bool? {
        guard (try? retrying("fcntl F_SETSIG", "") { Glibc.fcntl(fd, fcntlSetSignal, SIGURG) }) != nil
        else { return nil }
        do {
            try retrying("fcntl F_SETLEASE", "") { Glibc.fcntl(fd, fcntlSetLease, Int32(F_RDLCK)) }
        } catch {
            // EAGAIN: a writer exists. Anything else (EACCES, EPERM, EINVAL…): no lease for us.
            return error.errno == EAGAIN || error.errno == EBUSY ? true : nil
        }
        _ = try? retrying("fcntl F_SETLEASE F_UNLCK", "") {
            Glibc.fcntl(fd, fcntlSetLease, Int32(F_UNLCK))
        }
        return false
    }

    /// The entry names of a directory, without "." and "..". Names that are not valid UTF-8
    /// are returned separately so the caller can report them.
    static func listDirectory(_ path: String) throws(InboxSystemError) -> (names: [String], invalid: Int) {
        guard let dir = Glibc.opendir(path) else {
            throw InboxSystemError(operation: "opendir", path: path, errno: Glibc.errno)
        }
        defer { Glibc.closedir(dir) }
        var names: [String] = []
        var invalid = 0
        while true {
            Glibc.errno = 0
            guard let entry = Glibc.readdir(dir) else {
                if Glibc.errno != 0 {
                    throw InboxSystemError(operation: "readdir", path: path, errno: Glibc.errno)
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                InboxNames.decode(raw.prefix { $0 != 0 })
            }
            guard let name else {
                invalid += 1
                continue
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return (names, invalid)
    }
}
