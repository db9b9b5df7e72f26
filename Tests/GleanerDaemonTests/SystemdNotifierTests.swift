import Foundation
import Testing
@testable import GleanerDaemon

/// The notifier's datagrams, received on a socket the test binds itself.
@Suite struct SystemdNotifierTests {
    /// A bound datagram socket standing in for systemd's notify socket.
    final class Listener {
        let fd: Int32
        let address: String
        let directory: URL?

        /// `abstract`: bind `@name` in the abstract namespace instead of a path in a temp dir.
        init(abstract: Bool) throws {
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.init(rawValue: errno)!) }
            var name: [UInt8]
            if abstract {
                address = "@gleaner-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
                directory = nil
                name = Array(address.utf8)
                name[0] = 0
            } else {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                directory = dir
                address = dir.appendingPathComponent("notify.sock").path
                name = Array(address.utf8) + [0]
            }
            var storage = sockaddr_un()
            storage.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: name) }
            let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count)
            let result = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard result == 0 else { throw POSIXError(.init(rawValue: errno)!) }
            // A receive timeout is the deadline: a missing datagram fails the test, never hangs it.
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        func receive() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count >= 0 else { return nil }
            return String(decoding: buffer[0..<count], as: UTF8.self)
        }

        deinit {
            close(fd)
            if let directory { try? FileManager.default.removeItem(at: directory) }
        }
    }

    @Test func sendsTheExactDatagramsToAPathSocket() throws {
        let listener = try Listener(abstract: false)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        #expect(notifier.isEnabled)
        try notifier.ready()
        #expect(listener.receive() == "READY=1")
        try notifier.status("12 articles, inbox 0 pending\nsecond line")
        #expect(listener.receive() == "STATUS=12 articles, inbox 0 pending second line")
        try notifier.watchdog()
        #expect(listener.receive() == "WATCHDOG=1")
        try notifier.stopping()
        #expect(listener.receive() == "STOPPING=1")
        try notifier.reloading()
        let reloading = try #require(listener.receive())
        #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
    }

    @Test func sendsToAnAbstractSocket() throws {
        let listener = try Listener(abstract: true)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        try notifier.ready()
        #expect(listener.receive() == "READY=1")
    }

    @Test func withoutNotifySocketNothingIsSent() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.ready()
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func aMissingSocketIsAnErrorNamingIt() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify.sock"])
        #expect {
            try notifier.ready()
        } throws: { error in
            "\(error)" == "systemd notify: sendto /nonexistent/notify.sock: No such file or directory"
        }
    }

    @Test func theWatchdogIntervalIsHalfOfWatchdogUsecForThisProcess() {
        let pid = getpid()
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"], pid: pid).watchdogInterval == .seconds(15))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(pid)"], pid: pid)
                .watchdogInterval == .seconds(1))
        #expect(
            SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(pid + 1)"], pid: pid)
                .watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"], pid: pid).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "junk"], pid: pid).watchdogInterval == nil)
    }
}
