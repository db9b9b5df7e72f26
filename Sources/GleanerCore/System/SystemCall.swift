#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place system calls go through: retries a call interrupted by a signal (EINTR) and
/// turns a failure into a `SystemError` that names the operation and the path. Stateless.
public enum SystemCall {
    /// Runs `call` until it is not interrupted. A result of -1 is a failure carrying `errno`.
    @discardableResult
    public static func retrying<Result: FixedWidthInteger>(
        _ operation: String, path: String?, _ call: () -> Result
    ) throws(SystemError) -> Result {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(operation: operation, path: path, errno: code)
        }
    }

    /// Opens `path`; `mode` is used only when `flags` create the file. Always close-on-exec, so
    /// a child process never inherits store files.
    public static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(SystemError) -> Int32 {
        try retrying("open", path: path) { systemOpen(path, flags | O_CLOEXEC, mode) }
    }

    /// Closes `fd`. Not retried on EINTR: Linux releases the descriptor even then, and a retry
    /// could close a descriptor another thread has just been given.
    public static func close(_ fd: Int32, path: String?) throws(SystemError) {
        if systemClose(fd) == -1 && errno != EINTR {
            throw SystemError(operation: "close", path: path, errno: errno)
        }
    }

    /// Writes all of `bytes`, continuing after short writes.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String?) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retrying("write", path: path) {
                bytes.withUnsafeBytes { buffer in
                    systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                }
            }
            offset += written
        }
    }

    /// Reads the whole file at `path`.
    public static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let fd = try open(path, flags: O_RDONLY)
        defer { try? close(fd, path: path) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try retrying("read", path: path) {
                chunk.withUnsafeMutableBytes { buffer in systemRead(fd, buffer.baseAddress!, buffer.count) }
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    public static func fsync(_ fd: Int32, path: String?) throws(SystemError) {
        try retrying("fsync", path: path) { systemFsync(fd) }
    }

    public static func rename(_ from: String, to: String) throws(SystemError) {
        try retrying("rename to \(to)", path: from) { systemRename(from, to) }
    }

    public static func unlink(_ path: String) throws(SystemError) {
        try retrying("unlink", path: path) { systemUnlink(path) }
    }

    /// Creates a directory; returns false when one is already there.
    @discardableResult
    public static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(SystemError) -> Bool {
        do {
            try retrying("mkdir", path: path) { systemMkdir(path, mode) }
            return true
        } catch where error.errno == EEXIST {
            guard try isDirectory(path) else {
                throw SystemError(operation: "mkdir", path: path, errno: ENOTDIR)
            }
            return false
        }
    }

    /// Whether `path` is a directory (following a symbolic link); false when nothing is there.
    public static func isDirectory(_ path: String) throws(SystemError) -> Bool {
        guard let status = try status(path) else { return false }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// The `stat` of `path`, or nil when nothing is there.
    public static func status(_ path: String) throws(SystemError) -> stat? {
        var result = stat()
        do {
            try retrying("stat", path: path) { systemStat(path, &result) }
            return result
        } catch where error.errno == ENOENT {
            return nil
        }
    }

    /// The entry names of a directory, without `.` and `..`, in no particular order.
    public static func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let directory = opendir(path) else {
            throw SystemError(operation: "opendir", path: path, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw SystemError(operation: "readdir", path: path, errno: errno) }
                return names
            }
            let name = String(cString: nameOfEntry(entry))
            if name != "." && name != ".." { names.append(name) }
        }
    }
}

/// The NUL-terminated name of a `readdir` entry, read where it lies. `entry.pointee` would copy
/// a whole `dirent`, but glibc packs its records by their length: the last one in its buffer
/// can end before `sizeof(dirent)`, at the end of a mapped page (a crash listing a shard of
/// 4,000 files).
func nameOfEntry(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
    (UnsafeRawPointer(entry) + direntNameOffset).assumingMemoryBound(to: CChar.self)
}

private let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

// The C functions under names that do not clash with the wrappers above.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func systemUnlink(_ path: String) -> Int32 { unlink(path) }
private func systemMkdir(_ path: String, _ mode: mode_t) -> Int32 { mkdir(path, mode) }
private func systemStat(_ path: String, _ result: inout stat) -> Int32 { stat(path, &result) }
