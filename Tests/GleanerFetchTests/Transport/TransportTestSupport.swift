import Foundation
import GleanerCore
import HTTPTestServer
import Logging
import Testing

@testable import GleanerFetch

/// Shared set-up for the transport tests: a transport that may reach the local test server,
/// compressed bodies made on the spot, and waiting for a condition with a deadline.
enum TransportTest {
    static let logger = Logger(label: "gleaner.test.transport")

    /// Settings for tests against 127.0.0.1: private networks allowed, short timeouts.
    static func settings(
        timeout: Duration = .seconds(10), maxBodySize: Int = 1 << 20, concurrency: Int = 16, perHost: Int = 16,
        maxRedirects: Int = 5, allowPrivateNetworks: Bool = true
    ) -> TransportSettings {
        TransportSettings(
            userAgent: "GleanerTest/1.0", timeout: timeout, connectTimeout: .seconds(5), lowSpeedLimit: 1,
            lowSpeedTime: .seconds(10), maxBodySize: maxBodySize, concurrency: concurrency,
            perHostConcurrency: perHost, maxRedirects: maxRedirects, allowPrivateNetworks: allowPrivateNetworks)
    }

    static func transport(_ settings: TransportSettings = settings()) throws -> CurlTransport {
        try CurlTransport(settings: settings, logger: logger)
    }

    /// Fetches and returns the error, failing the test if the fetch succeeded.
    static func failure(_ transport: CurlTransport, _ url: String, sourceLocation: SourceLocation = #_sourceLocation) async -> FetchError? {
        do {
            let response = try await transport.fetch(FetchRequest(url: url))
            Issue.record("expected \(url) to fail, got status \(response.status) with \(response.body.count) bytes", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
    static func eventually(within timeout: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    /// `bytes` gzipped by the system's gzip(1), or nil when it is not installed.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8]? {
        let tool = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else { return nil }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("gleaner-gzip-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-c", "-9", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GzipFailed(status: process.terminationStatus) }
        return Array(data)
    }

    struct GzipFailed: Error { var status: Int32 }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951, BTYPE 00): what an HTTP
    /// server sends as `Content-Encoding: deflate`, made without a compressor.
    static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let last: UInt8 = offset + count == bytes.count ? 1 : 0
            out.append(last)
            out += [UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            out += bytes[offset..<(offset + count)]
            offset += count
        } while offset < bytes.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = (b << 16) | a
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xff), UInt8((adler >> 8) & 0xff), UInt8(adler & 0xff)]
        return out
    }

    /// Names of this process's threads, from /proc/self/task/*/comm.
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
