import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What the kernel told us about the inbox directory.
enum InboxWatchEvent: Sendable {
    /// An entry was created, written, closed after writing, moved in or out, deleted, or had
    /// its attributes changed: look at it again.
    case changed(String)
    /// The kernel's event queue overflowed: events were lost, a full rescan is needed.
    case overflow
    /// The watched directory was removed or moved away; `watch` is the descriptor it had.
    case directoryGone(watch: Int32)
    /// An entry whose name is not valid UTF-8 (left alone: it cannot be named back).
    case undecodableName
    /// Reading events failed; the watcher has stopped.
    case failed(SystemError)
}

/// Watches the inbox directory with inotify on a dedicated thread that blocks in `poll` on
/// the inotify descriptor and a wake-up socket, so no thread of the Swift cooperative pool is
/// ever blocked. Events go to `sink`. Owns the inotify descriptor and the socket pair; the
/// thread closes its ends when it stops, which `stop()` asks for by closing the other end.
final class InboxWatcher: Sendable {
    /// IN_CLOSE_WRITE and IN_MOVED_TO announce finished files; IN_CREATE announces symlinks,
    /// FIFOs and directories (which are never written); IN_MODIFY and IN_ATTRIB restart the
    /// settle period of a file being written; IN_DELETE and IN_MOVED_FROM let a file that went
    /// away stop counting as pending. The *_SELF events report the directory itself going.
    private static let mask: UInt32 = UInt32(IN_CREATE) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)
        | UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)

    private let directory: String
    private let inotify: Int32
    private let wakeRead: Int32
    private let wakeWrite: Mutex<Int32?>
    /// The current watch descriptor of the directory; events from older ones are stale.
    private let watch: Mutex<Int32>
    private let sink: @Sendable (InboxWatchEvent) -> Void

    init(directory: String, sink: @escaping @Sendable (InboxWatchEvent) -> Void) throws(SystemError) {
        self.directory = directory
        self.sink = sink
        inotify = try SystemCall.retrying("inotify_init1", path: directory) {
            inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        }
        var pair: [Int32] = [-1, -1]
        do {
            try SystemCall.retrying("socketpair", path: directory) {
                socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair)
            }
        } catch {
            try? SystemCall.close(inotify, path: directory)
            throw error
        }
        wakeRead = pair[0]
        wakeWrite = Mutex(pair[1])
        let descriptor = inotify
        do {
            watch = Mutex(try SystemCall.retrying("inotify_add_watch", path: directory) {
                inotify_add_watch(descriptor, directory, Self.mask)
            })
        } catch {
            for fd in [inotify, pair[0], pair[1]] { try? SystemCall.close(fd, path: directory) }
            throw error
        }
    }

    /// Starts the reading thread. Call once.
    func start() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "gleaner-inbox-inotify"
        thread.start()
    }

    /// Asks the thread to stop; it closes the inotify descriptor on its way out.
    func stop() {
        wakeWrite.withLock { fd in
            if let open = fd { try? SystemCall.close(open, path: directory) }
            fd = nil
        }
    }

    /// Whether `descriptor` is the directory's current watch (not a stale one).
    func isCurrent(_ descriptor: Int32) -> Bool {
        watch.withLock { $0 == descriptor }
    }

    /// Watches the directory again after it was removed or moved (and recreated by the caller).
    func rewatch() throws(SystemError) {
        let descriptor = inotify
        let path = directory
        try watch.withLock { (current: inout Int32) throws(SystemError) in
            // A moved directory is still watched under its new name: drop that watch.
            _ = inotify_rm_watch(descriptor, current)
            current = try SystemCall.retrying("inotify_add_watch", path: path) {
                inotify_add_watch(descriptor, path, Self.mask)
            }
        }
    }

    private func readLoop() {
        defer {
            try? SystemCall.close(inotify, path: directory)
            try? SystemCall.close(wakeRead, path: directory)
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var fds = [
                pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            do {
                try SystemCall.retrying("poll", path: directory) { poll(&fds, 2, -1) }
            } catch {
                sink(.failed(error))
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents == 0 { continue }
            do {
                while let count = try readEvents(into: &buffer) {
                    parse(buffer[0..<count])
                }
            } catch {
                sink(.failed(error))
                return
            }
        }
    }

    /// One `read` of the (non-blocking) inotify descriptor; nil when nothing more is queued.
    private func readEvents(into buffer: inout [UInt8]) throws(SystemError) -> Int? {
        let descriptor = inotify
        do {
            let count = try SystemCall.retrying("read inotify", path: directory) {
                buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, raw.count) }
            }
            return count > 0 ? count : nil
        } catch where error.errno == EAGAIN {
            return nil
        }
    }

    /// Walks the `struct inotify_event` records (16-byte header, then a NUL-padded name).
    private func parse(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 16 <= raw.count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let name = raw[(offset + 16)..<min(offset + 16 + length, raw.count)].prefix { $0 != 0 }
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    sink(.overflow)
                } else if !isCurrent(wd) {
                    continue
                } else if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_IGNORED)) != 0 {
                    sink(.directoryGone(watch: wd))
                } else if !name.isEmpty {
                    if let decoded = InboxNames.decode(name) {
                        sink(.changed(decoded))
                    } else {
                        sink(.undecodableName)
                    }
                }
            }
        }
    }
}
