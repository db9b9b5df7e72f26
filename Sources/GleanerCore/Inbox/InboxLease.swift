#if canImport(Glibc)
import Glibc
#endif

/// The one system call that is the inbox's own: asking the kernel, through a file lease,
/// whether some process still writes a file. Everything generic goes through `SystemCall`.
/// Stateless; callable from any thread.
enum InboxLease {
    /// Linux fcntl commands that Glibc's module map does not export (they sit behind `_GNU_SOURCE`).
    /// Values from <linux/fcntl.h>: F_LINUX_SPECIFIC_BASE is 1024.
    static let fcntlSetLease: Int32 = 1024
    static let fcntlSetSignal: Int32 = 10

    /// Whether some process holds the file open for writing, asked through a read lease taken
    /// and released at once: the kernel refuses a read lease with `EAGAIN` while any writer
    /// exists. Returns nil when leases are not available to us (not the owner, a file system
    /// without leases, leases disabled): the caller then relies on settling alone.
    ///
    /// The lease is held for a few instructions; a writer opening in that window would break it
    /// and the kernel would signal us. The signal is set to SIGURG, whose default action is to
    /// ignore it, so the default SIGIO cannot terminate the daemon.
    static func isOpenForWriting(_ fd: Int32) -> Bool? {
        guard (try? SystemCall.retrying("fcntl F_SETSIG", path: nil) { fcntl(fd, fcntlSetSignal, SIGURG) }) != nil
        else { return nil }
        do {
            try SystemCall.retrying("fcntl F_SETLEASE", path: nil) { fcntl(fd, fcntlSetLease, Int32(F_RDLCK)) }
        } catch {
            // EAGAIN: a writer exists. Anything else (EACCES, EPERM, EINVAL…): no lease for us.
            return error.errno == EAGAIN || error.errno == EBUSY ? true : nil
        }
        _ = try? SystemCall.retrying("fcntl F_SETLEASE F_UNLCK", path: nil) {
            fcntl(fd, fcntlSetLease, Int32(F_UNLCK))
        }
        return false
    }
}
