import Foundation
import Glibc
import Testing

extension IntegrationSuite {
    /// Inputs that must not stop the daemon: each is ingested correctly or lands in `.failed/`
    /// with its reason, and nothing is followed or read when it must not be.
    @Suite struct BadInput {
        func reason(_ daemon: DaemonHarness, _ name: String) throws -> [String: Any] {
            let url = daemon.inbox.appendingPathComponent(".failed/\(name).reason.json")
            return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        }

        @Test func everyKindOfBadInputIsHandledAndTheDaemonGoesOn() throws {
            let daemon = try DaemonHarness(maxFileSize: "64KiB")
            try daemon.start()
            var words = SyntheticArticles(seed: 7)

            // Inputs that are fine, just awkward: each must become an article.
            let utf16 = words.article()
            try daemon.drop("utf16.txt", Data([0xFF, 0xFE]) + utf16.text.data(using: .utf16LittleEndian)!)
            var cp1252 = Data(words.article().text.utf8)
            cp1252.append(contentsOf: [0x0A, 0x0A, 0x93, 0x51, 0x75, 0x6F, 0x74, 0x65, 0x64, 0x94, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x2E, 0x0A])
            try daemon.drop("cp1252.txt", cp1252)
            var invalid = Data(words.article().text.utf8)
            invalid.append(contentsOf: [0x0A, 0x0A, 0xC3, 0x28, 0xFF, 0x41, 0x2E, 0x0A])
            try daemon.drop("invalid-utf8.txt", invalid)

            // Inputs that must fail, with a reason.
            try daemon.drop("empty.txt", Data())
            var generator = SyntheticArticles(seed: 99)
            try daemon.drop("random.bin", Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }))
            try daemon.drop("huge.txt", Data(repeating: 0x61, count: 65 * 1024))
            let outside = daemon.root.appendingPathComponent("outside.txt")
            let secret = words.article().text
            try secret.write(to: outside, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(at: daemon.inbox.appendingPathComponent("link.txt"), withDestinationURL: outside)
            #expect(mkfifo(daemon.inbox.appendingPathComponent("fifo").path, 0o644) == 0)
            try FileManager.default.createDirectory(at: daemon.inbox.appendingPathComponent("folder"), withIntermediateDirectories: false)

            let failing = ["empty.txt", "random.bin", "huge.txt", "link.txt", "fifo", "folder"]
            try waitUntil("bad inputs sorted out", timeout: .seconds(30)) {
                Set(daemon.names(in: ".failed")).isSuperset(of: failing + failing.map { $0 + ".reason.json" })
                    && daemon.names(in: ".done").count == 3
            }
            for name in failing {
                let why = try reason(daemon, name)
                #expect((why["error"] as? String ?? "").isEmpty == false, "\(name) has no error text")
                #expect(why["stage"] is String, "\(name) has no stage")
                #expect(why["time"] is String, "\(name) has no time")
            }
            #expect((try reason(daemon, "huge.txt")["error"] as? String ?? "").contains("maxFileSize"))
            // The symlink was moved, not followed: its target is untouched and not in the store.
            #expect(try String(contentsOf: outside, encoding: .utf8) == secret)
            let articles = try daemon.export()
            #expect(articles.count == 3)
            let bodies = articles.compactMap { $0["articleBody"] as? String }
            #expect(!bodies.contains { $0.contains(secret.split(separator: "\n")[2].prefix(40)) })
            #expect(bodies.contains { $0.contains("\u{201C}Quoted\u{201D} caf\u{E9}.") }, "Windows-1252 decoded")
            #expect(bodies.contains { $0.contains(utf16.text.split(separator: "\n")[2].prefix(40)) }, "UTF-16 decoded")
            #expect(try daemon.inboxCount("failed") == failing.count)
            #expect(daemon.process?.isRunning == true)
        }

        @Test func aFileStillBeingWrittenIsReadOnlyWhenComplete() throws {
            let daemon = try DaemonHarness(settle: "100ms")
            try daemon.start()
            var words = SyntheticArticles(seed: 11)
            let article = words.article(paragraphs: 4)
            let lines = article.text.components(separatedBy: "\n\n")
            let path = daemon.inbox.appendingPathComponent("slow.txt").path
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            #expect(fd >= 0)
            let firstHalf = lines.prefix(2).joined(separator: "\n\n") + "\n\n"
            _ = firstHalf.withCString { write(fd, $0, strlen($0)) }
            // The writer pauses for several settle periods with the file open; the daemon
            // must see it as pending, not ingest half of it.
            try waitUntil("the half-written file to be noticed") { try daemon.inboxCount("pending") == 1 }
            let clock = ContinuousClock()
            let pauseEnds = clock.now + .milliseconds(600)
            try waitUntil("the writer's pause to end", timeout: .seconds(5)) {
                #expect(daemon.names(in: ".done").isEmpty, "a half-written file was ingested")
                return clock.now >= pauseEnds
            }
            let rest = lines.dropFirst(2).joined(separator: "\n\n")
            _ = rest.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            try waitUntil("the finished file to be ingested") { daemon.names(in: ".done") == ["slow.txt"] }
            let articles = try daemon.export()
            #expect(articles.count == 1)
            let body = try #require(articles.first?["articleBody"] as? String)
            #expect(body.contains(String(lines.last!.prefix(60))))
            #expect(body.contains(String(lines[1].prefix(60))))
        }
    }
}
