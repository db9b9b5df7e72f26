import Foundation
import GleanerCore
import HTTPTestServer
import Testing

@testable import GleanerFetch

#if canImport(Glibc)
import Glibc
#endif

/// Limits seen from inside: the body buffer's size while far more data is offered than allowed,
/// and the connect timeout against a listener whose accept queue is full.
@Suite struct TransportBoundsTests {
    /// Feeds 10 MB through the write callback in 16 KB pieces with a 1 MB limit: the buffer
    /// holds at most the limit (count and capacity), and the callback refuses the piece that
    /// would pass it.
    @Test func bodyBufferNeverGrowsPastTheLimit() throws {
        let limit = 1 << 20
        var settings = TransportTest.settings(maxBodySize: limit)
        settings.allowPrivateNetworks = false
        let job = try TransferJob(request: FetchRequest(url: "http://example.invalid/"))
        let transfer = try Transfer(job: job, settings: settings, pool: EasyHandlePool())
        defer { transfer.release() }
        var piece = [CChar](repeating: 0, count: 16 * 1024)
        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        var accepted = 0
        var refusedAt: Int?
        for index in 0..<640 {
            let taken = piece.withUnsafeMutableBufferPointer { Transfer.onBody($0.baseAddress, 1, $0.count, userdata) }
            if taken == piece.count {
                accepted += taken
            } else {
                refusedAt = index
                break
            }
        }
        #expect(refusedAt == 64)
        #expect(accepted == limit)
        #expect(transfer.bodyLimitHit)
        #expect(transfer.body.count == limit)
        // The allocator rounds a request up to its size class (a page or so), never doubles it.
        #expect(transfer.body.capacity <= limit + 8192, "capacity \(transfer.body.capacity)")
        piece[0] = 1  // keeps `piece` mutable for the pointer above
    }

    /// A listener with backlog 0 and a full accept queue: Linux drops further SYNs, so a connect
    /// hangs and only the connect timeout ends it.
    @Test func connectTimeoutEndsAConnectThatHangs() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) {
            try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try #require(bind(listener, $0, length) == 0)
                try #require(listen(listener, 0) == 0)
                try #require(getsockname(listener, $0, &length) == 0)
            }
        }
        // Fill the accept queue (backlog 0 holds one) with connections nobody accepts.
        var fillers: [Int32] = []
        defer { fillers.forEach { close($0) } }
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            _ = fcntl(filler, F_SETFL, O_NONBLOCK)
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = connect(filler, $0, length) }
            }
            fillers.append(filler)
        }

        var settings = TransportTest.settings(timeout: .seconds(20))
        settings.connectTimeout = .seconds(1)
        let transport = try TransportTest.transport(settings)
        defer { transport.shutdown() }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = ContinuousClock.now
        let error = try #require(await TransportTest.failure(transport, "http://127.0.0.1:\(port)/"))
        #expect(error.kind == .timeout)
        #expect(error.message.contains("Connection timed out") || error.message.contains("connect"), "\(error.message)")
        #expect(ContinuousClock.now - started < .seconds(10), "the connect timeout did not cut it short")
    }
}
