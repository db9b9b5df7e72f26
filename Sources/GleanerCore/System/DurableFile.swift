#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Atomic, durable file replacement: a reader sees the old file or the new one, never a part,
/// and once `write` (and `syncDirectory` for the parent) returns, the new file survives a crash.
/// Stateless; the temporary names it uses are recognised by `isTemporaryName` so that a store can
/// remove the ones a crash left behind.
public enum DurableFile {
    /// Replaces `path` with `bytes`: an `O_EXCL` temporary file in the same directory, all bytes
    /// written, fsync, rename over the target. The temporary file is removed when a step fails.
    /// With `syncDirectory` the parent directory is fsynced too, which makes the rename durable;
    /// callers writing many files in one directory may pass false and sync it once at the end.
    public static func write(
        _ bytes: [UInt8], to path: String, mode: mode_t = 0o644, syncDirectory: Bool = true
    ) throws(SystemError) {
        try write(parts: [bytes], to: path, mode: mode, syncDirectory: syncDirectory)
    }

    /// `write`, with the file's bytes given as parts written one after the other: a large file
    /// made of pieces (the index snapshot) is never copied into one buffer first.
    public static func write(
        parts: [[UInt8]], to path: String, mode: mode_t = 0o644, syncDirectory: Bool = true
    ) throws(SystemError) {
        let directory = parent(of: path)
        let (fd, temporary) = try createTemporary(for: path, mode: mode)
        do throws(SystemError) {
            for part in parts { try SystemCall.writeAll(fd, part, path: temporary) }
            try SystemCall.fsync(fd, path: temporary)
        } catch {
            try? SystemCall.close(fd, path: temporary)
            try? SystemCall.unlink(temporary)
            throw error
        }
        do throws(SystemError) {
            try SystemCall.close(fd, path: temporary)
            try SystemCall.rename(temporary, to: path)
        } catch {
            try? SystemCall.unlink(temporary)
            throw error
        }
        if syncDirectory { try self.syncDirectory(directory) }
    }

    /// Fsyncs a directory, which makes the creations, renames and removals in it durable.
    public static func syncDirectory(_ path: String) throws(SystemError) {
        let fd = try SystemCall.open(path, flags: O_RDONLY | O_DIRECTORY)
        do throws(SystemError) {
            try SystemCall.fsync(fd, path: path)
        } catch {
            try? SystemCall.close(fd, path: path)
            throw error
        }
        try SystemCall.close(fd, path: path)
    }

    /// Creates the directory when it is missing, and then makes its entry durable by syncing
    /// it and its parent. Returns whether it was created.
    @discardableResult
    public static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(SystemError) -> Bool {
        guard try SystemCall.makeDirectory(path, mode: mode) else { return false }
        try syncDirectory(path)
        try syncDirectory(parent(of: path))
        return true
    }

    /// Creates the directory and any missing parents, each one durably.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        if try SystemCall.isDirectory(path) { return }
        let up = parent(of: path)
        if up != path { try makeDirectories(up, mode: mode) }
        try makeDirectory(path, mode: mode)
    }

    /// Whether a directory entry is a temporary file of `write`: `.<target>.<16 hex>.tmp`.
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let stem = name.dropLast(4)
        let suffix = stem.suffix(17)
        guard stem.count > 18, suffix.first == "." else { return false }
        return suffix.dropFirst().allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The directory part of a path ("." for a bare name).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    private static func createTemporary(for path: String, mode: mode_t) throws(SystemError) -> (Int32, String) {
        let directory = parent(of: path)
        let name = path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
        // A random suffix and O_EXCL: two writers never share a temporary file, and an old one
        // left by a crash is never written through.
        var attempts = 0
        while true {
            let suffix = String(UInt64.random(in: .min ... .max), radix: 16)
            let padded = String(repeating: "0", count: 16 - suffix.count) + suffix
            let temporary = "\(directory)/.\(name).\(padded).tmp"
            do {
                let fd = try SystemCall.open(temporary, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode)
                return (fd, temporary)
            } catch where error.errno == EEXIST && attempts < 8 {
                attempts += 1
            }
        }
    }
}
