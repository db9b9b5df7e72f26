import Foundation

/// Tells systemd how the service is doing (sd_notify protocol): `READY=1`, `STATUS=…`,
/// `WATCHDOG=1`, `STOPPING=1`, `RELOADING=1`, each a datagram to `$NOTIFY_SOCKET`.
///
/// Built from the environment systemd gives a `Type=notify` service; with no `NOTIFY_SOCKET`
/// (run by hand, in tests) every call does nothing. Holds only the address and the watchdog
/// interval; each message opens its own socket, so the value is freely shared between tasks.
public struct SystemdNotifier: Sendable {
    /// `$NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace. Nil outside systemd.
    public let socketAddress: String?
    /// Half of `$WATCHDOG_USEC`, when the watchdog is on and meant for this process
    /// (`$WATCHDOG_PID` unset or equal to our pid): send `watchdog()` at least this often.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, pid: pid_t = getpid()) {
        let address = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        self.socketAddress = address
        var interval: Duration?
        if let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
            if pidMatches { interval = .microseconds(microseconds / 2) }
        }
        self.watchdogInterval = interval
    }

    /// Whether messages go anywhere.
    public var isEnabled: Bool { socketAddress != nil }

    /// Startup finished: store open, inbox scanned.
    public func ready() throws(SystemdNotifyError) { try send("READY=1") }

    /// A one-line summary shown by `systemctl status`; newlines become spaces.
    public func status(_ text: String) throws(SystemdNotifyError) {
        let oneLine = text.map { $0 == "\n" || $0 == "\r" ? " " : $0 }
        try send("STATUS=" + String(oneLine))
    }

    /// Keep-alive for `WatchdogSec=`.
    public func watchdog() throws(SystemdNotifyError) { try send("WATCHDOG=1") }

    /// Shutdown has begun.
    public func stopping() throws(SystemdNotifyError) { try send("STOPPING=1") }

    /// A reload has begun; send `ready()` when it is done. MONOTONIC_USEC lets systemd ≥ 253
    /// match the reload to its request (older versions ignore the field).
    public func reloading() throws(SystemdNotifyError) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1_000
        try send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    }

    /// Sends `message` as one datagram (newline-separated assignments).
    public func send(_ message: String) throws(SystemdNotifyError) {
        guard let socketAddress else { return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketAddress.utf8)
        let abstract = pathBytes.first == UInt8(ascii: "@")
        if abstract { pathBytes[0] = 0 }  // abstract namespace: leading NUL, no terminator
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity, !pathBytes.isEmpty else {
            throw SystemdNotifyError(operation: "NOTIFY_SOCKET", address: socketAddress, code: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count + (abstract ? 0 : 1))

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemdNotifyError(operation: "socket", address: socketAddress, code: errno) }
        defer { close(fd) }
        let bytes = Array(message.utf8)
        while true {
            let sent = bytes.withUnsafeBytes { payload in
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                        sendto(fd, payload.baseAddress, payload.count, Int32(MSG_NOSIGNAL), target, length)
                    }
                }
            }
            if sent >= 0 { return }
            if errno == EINTR { continue }
            throw SystemdNotifyError(operation: "sendto", address: socketAddress, code: errno)
        }
    }
}

/// A notification that could not be sent: the call, the socket address and the errno.
public struct SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var address: String
    public var code: Int32

    public init(operation: String, address: String, code: Int32) {
        self.operation = operation
        self.address = address
        self.code = code
    }

    public var description: String {
        "systemd notify: \(operation) \(address): \(String(cString: strerror(code)))"
    }
}
