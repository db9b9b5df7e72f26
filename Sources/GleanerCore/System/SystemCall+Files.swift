#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file calls that callers inspecting files they do not own need (the inbox): `lstat` and
/// `fstat` that report every failure (ENOENT included, unlike `status`), a read bounded by a
/// limit, and a directory listing that does not repair names which are not valid UTF-8.
extension SystemCall {
    /// The `lstat` of `path`: a symbolic link is described, not followed. Throws on every
    /// failure, ENOENT included, so the caller decides what a missing entry means.
    public static func lstat(_ path: String) throws(SystemError) -> stat {
        var result = stat()
        try retrying("lstat", path: path) { systemLstat(path, &result) }
        return result
    }

    /// The `fstat` of an open descriptor; `path` only names it in an error.
    public static func fstat(_ fd: Int32, path: String?) throws(SystemError) -> stat {
        var result = stat()
        try retrying("fstat", path: path) { systemFstat(fd, &result) }
        return result
    }

    /// Reads from `fd` until end of file or until `limit` bytes are read, whichever comes
    /// first; a caller that must refuse larger files asks for one byte more than it accepts.
    /// `expected` (e.g. the size from `fstat`) only sizes the buffer up front.
    public static func read(
        _ fd: Int32, limit: Int, expected: Int = 0, path: String?
    ) throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, min(expected, limit)))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = try retrying("read", path: path) {
                chunk.withUnsafeMutableBytes { buffer in systemReadBounded(fd, buffer.baseAddress!, wanted) }
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// The entry names of a directory, without `.` and `..`, in no particular order. Unlike
    /// `listDirectory`, a name that is not valid UTF-8 is not repaired (a repaired name would
    /// not lead back to the same entry): it is left out and counted in `invalid`.
    public static func listDirectoryValidatingNames(
        _ path: String
    ) throws(SystemError) -> (names: [String], invalid: Int) {
        guard let directory = opendir(path) else {
            throw SystemError(operation: "opendir", path: path, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        var invalid = 0
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw SystemError(operation: "readdir", path: path, errno: errno) }
                return (names, invalid)
            }
            let pointer = nameOfEntry(entry)
            let name = String(validating: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
            guard let name else {
                invalid += 1
                continue
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }
}

// The C functions under names that do not clash with the wrappers above.
private func systemLstat(_ path: String, _ result: inout stat) -> Int32 { lstat(path, &result) }
private func systemFstat(_ fd: Int32, _ result: inout stat) -> Int32 { fstat(fd, &result) }
private func systemReadBounded(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
