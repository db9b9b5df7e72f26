import Foundation
import Glibc
import Testing

extension IntegrationSuite {
    /// gleanerd speaks systemd's notify protocol itself: the test plays systemd's part with a
    /// datagram socket of its own.
    @Suite struct Notify {
        /// A bound AF_UNIX datagram socket that collects what gleanerd sends.
        final class NotifyListener {
            let fd: Int32
            let path: String

            init(path: String) throws {
                self.path = path
                fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
                guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
                var address = sockaddr_un()
                address.sun_family = sa_family_t(AF_UNIX)
                withUnsafeMutableBytes(of: &address.sun_path) { raw in
                    for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
                }
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
                guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
                var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            }

            deinit { close(fd) }

            /// The next datagram, or nil when none came within the receive timeout.
            func receive() -> String? {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
            }
        }

        @Test func readyStatusAndWatchdogDatagrams() throws {
            let daemon = try DaemonHarness()
            let listener = try NotifyListener(path: daemon.root.appendingPathComponent("notify").path)
            try daemon.start(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"])
            var received: [String] = []
            try waitUntil("READY=1, STATUS= and two WATCHDOG=1", timeout: .seconds(10), every: .milliseconds(1)) {
                if let message = listener.receive() { received += message.split(separator: "\n").map(String.init) }
                return received.contains("READY=1") && received.contains { $0.hasPrefix("STATUS=") }
                    && received.filter { $0 == "WATCHDOG=1" }.count >= 2
            }
            let ready = try #require(received.firstIndex(of: "READY=1"))
            let firstWatchdog = try #require(received.firstIndex(of: "WATCHDOG=1"))
            #expect(firstWatchdog > ready, "WATCHDOG=1 before READY=1")
            #expect(try daemon.stop() == 0)
            var after: [String] = []
            while let message = listener.receive() { after.append(message) }
            #expect(after.contains { $0.contains("STOPPING=1") })
        }
    }
}
