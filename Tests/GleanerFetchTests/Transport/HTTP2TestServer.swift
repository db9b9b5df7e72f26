import Foundation

/// A real HTTP/2 server over TLS for the transport's tests: nghttpd (from nghttp2, the library
/// libcurl itself uses for HTTP/2) serving a directory on 127.0.0.1, with a certificate made
/// for the test by openssl(1). HTTP/2 is only negotiated over TLS (ALPN), which the in-process
/// `HTTPTestServer` does not speak. Run with `-v`, nghttpd logs every frame with its session
/// number, which tells how many connections the client opened.
///
/// Owns the temporary directory (key, certificate, documents, log) and the server process;
/// `stop()` ends both.
final class HTTP2TestServer {
    static let nghttpd = executable("nghttpd")
    static let openssl = executable("openssl")
    /// Why the tests that need this server are skipped, or nil when they can run.
    static var missing: String? {
        if nghttpd == nil { return "nghttpd is not installed (Debian package nghttp2-server; `make test` installs it)" }
        if openssl == nil { return "openssl(1) is not installed" }
        return nil
    }

    let directory: URL
    let certificate: URL
    let port: Int
    private let process: Process
    private let log: URL

    /// Starts a server for `documents` (path → content) and waits until it accepts connections.
    init(documents: [String: String]) throws {
        guard let nghttpd = Self.nghttpd, let openssl = Self.openssl else { throw Failure("nghttpd or openssl missing") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gleaner-h2-\(UUID().uuidString)")
        let htdocs = directory.appendingPathComponent("htdocs")
        try FileManager.default.createDirectory(at: htdocs, withIntermediateDirectories: true)
        for (path, content) in documents {
            try Data(content.utf8).write(to: htdocs.appendingPathComponent(path))
        }
        certificate = directory.appendingPathComponent("cert.pem")
        let key = directory.appendingPathComponent("key.pem")
        try Self.run(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key.path, "-out", certificate.path,
        ])
        log = directory.appendingPathComponent("nghttpd.log")
        // nghttpd cannot report a port it picked, so a free one is found first; another process
        // can take it in between, hence a few attempts.
        var attempt = 0
        while true {
            attempt += 1
            let port = try Self.freePort()
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw Failure("cannot create \(log.path)") }
            let output = try FileHandle(forWritingTo: log)
            let process = Process()
            process.executableURL = nghttpd
            process.arguments = ["-v", "-a", "127.0.0.1", "-d", htdocs.path, String(port), key.path, certificate.path]
            process.standardOutput = output
            process.standardError = output
            try process.run()
            try? output.close()
            if Self.accepts(port: port, while: process) {
                self.port = port
                self.process = process
                return
            }
            Self.kill(process)
            if attempt == 3 {
                try? FileManager.default.removeItem(at: directory)
                throw Failure("nghttpd did not start on 127.0.0.1 in 3 attempts")
            }
        }
    }

    func url(_ path: String) -> String { "https://127.0.0.1:\(port)/\(path)" }

    /// How many client connections spoke HTTP/2 to the server so far: sessions with a frame
    /// received (the readiness probe's bare TCP connection has a session number but no frame).
    func sessions() -> Int {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        var ids = Set<Substring>()
        for line in text.split(separator: "\n") where line.hasPrefix("[id=") && line.contains("] recv ") && line.contains(" frame") {
            if let close = line.firstIndex(of: "]") { ids.insert(line[..<close]) }
        }
        return ids.count
    }

    func stop() {
        Self.kill(process)
        try? FileManager.default.removeItem(at: directory)
    }

    /// SIGKILL, not SIGTERM: a child inherits the signal mask, and the test process blocks the
    /// signals its daemon code reads through signalfd, so nghttpd would never see a SIGTERM.
    private static func kill(_ process: Process) {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return directories.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    private static func run(_ tool: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure("\(tool.lastPathComponent) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }

    /// A port on 127.0.0.1 that nothing listens on at this moment.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket: errno \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw Failure("bind 127.0.0.1:0: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether a TCP connection to the port succeeds within 30 s while the server runs.
    private static func accepts(port: Int, while process: Process) -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, process.isRunning {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            var address = loopback(port: port)
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return true }
            usleep(20_000)
        }
        return false
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
