import Foundation
import GleanerControl
import GleanerCore
import GleanerDaemon
import Testing

/// The built `gleanerctl` run as a process against a real `ControlServer`: exact output and
/// exit codes, as a user or a script sees them.
@Suite("gleanerctl against a control server", .timeLimit(.minutes(2)))
struct GleanerctlProcessTests {
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `gleanerctl` built beside the test bundle, if the build made it.
    static let binary: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gleanerctl"),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/gleanerctl"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func gleanerctl(_ arguments: [String]) async throws -> Run {
        let binary = try #require(binary, "gleanerctl is not built beside the tests (run swift build --build-tests)")
        return try await onThread {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            // Read both to the end before waiting, so a full pipe cannot block the child.
            let group = DispatchGroup()
            nonisolated(unsafe) var errData = Data()
            DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            return Run(
                status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                stderr: String(decoding: errData, as: UTF8.self))
        }
    }

    @Test("status, list, show and export print what the daemon sent")
    func commands() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(articles: 4), logger: ServerFixtures.logger)
        try await serving(server) {
            let status = try await Self.gleanerctl(["status", "--socket", path])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("\n articles: 3\n") || status.stdout.contains("articles: 3"))
            #expect(status.stdout.contains("inbox failed: 1"))

            let json = try await Self.gleanerctl(["status", "--json", "--socket", path])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["sightings"] as? Int == 5)
            #expect((object["sources"] as? [String: Any])?["failing"] as? Int == 1)

            let list = try await Self.gleanerctl(["list", "--limit", "2", "--since", "2026-11-18", "--socket", path])
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout == "id4  2026-11-18T11:06:44Z  v1  Headline 4\nid3  2026-11-18T11:06:43Z  v1  Headline 3\n")

            let show = try await Self.gleanerctl(["show", "id2", "--version", "1", "--json", "--socket", path])
            #expect(show.status == 0, "\(show.stderr)")
            let version = try ArticleJSON.decoder().decode(ArticleVersion.self, from: Data(show.stdout.utf8))
            #expect(version.contentHash == "sha256:2")

            let export = try await Self.gleanerctl(["export", "--socket", path])
            #expect(export.status == 0, "\(export.stderr)")
            let lines = export.stdout.split(separator: "\n")
            #expect(lines.count == 4)
            let ids = try lines.map { try ArticleJSON.decoder().decode(Article.self, from: Data($0.utf8)).id }
            #expect(ids == ["id1", "id2", "id3", "id4"])
        }
    }

    @Test("an unknown id fails with exit 1 and the daemon's message")
    func unknownID() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let run = try await Self.gleanerctl(["show", "nope", "--socket", path])
            #expect(run.status == 1)
            #expect(run.stderr == "gleanerctl: no article with id nope\n")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test("no daemon: exit 3 and a message naming the socket")
    func notRunning() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let run = try await Self.gleanerctl(["status", "--json", "--socket", path])
        #expect(run.status == 3)
        #expect(run.stderr == "gleanerctl: gleanerd is not running (no socket at \(path))\n")
    }

    @Test("usage errors exit 64", arguments: [
        ["list", "--limit", "ten"],
        ["list", "--since", "yesterday"],
        ["list", "--limit", "-1"],
        ["show"],
        ["show", "x", "--version", "0"],
        ["frobnicate"],
    ])
    func usage(arguments: [String]) async throws {
        let run = try await Self.gleanerctl(arguments + ["--socket", "/nonexistent/gleanerd.sock"])
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test("without --socket, the socket comes from the configuration, relative to its file")
    func socketFromConfiguration() async throws {
        let directory = try SocketDirectory()
        let path = directory.socketPath
        let config = directory.url.appendingPathComponent("etc/gleaner.yaml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("store: { path: ../store }\ncontrol: { socket: ../gleanerd.sock, mode: \"0660\" }\n".utf8).write(to: config)
        let server = try ControlServer(socketPath: path, handler: ServerFixtures.handler(), logger: ServerFixtures.logger)
        try await serving(server) {
            let run = try await Self.gleanerctl(["status", "--config", config.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("pid: 77"))
        }
        let missing = try await Self.gleanerctl(["status", "--config", directory.url.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("gleanerctl: "))
        #expect(missing.stderr.contains("none.yaml"))
    }
}
