import Foundation
import Glibc
import Testing

extension IntegrationSuite {
    /// SIGHUP re-reads the configuration: limits change without a restart, a bad file is
    /// refused and the old configuration kept.
    @Suite struct Reload {
        @Test func sighupAppliesANewLimitAndRefusesABadFile() throws {
            let daemon = try DaemonHarness(maxFileSize: "1MiB")
            try daemon.start()
            let pid = try #require(daemon.process?.processIdentifier)
            let text = String(repeating: "Harbour ferries resumed their timetable today. ", count: 60)

            let yaml = try String(contentsOf: daemon.config, encoding: .utf8)
            try yaml.replacingOccurrences(of: "maxFileSize: 1MiB", with: "maxFileSize: 1KiB")
                .write(to: daemon.config, atomically: true, encoding: .utf8)
            kill(pid, SIGHUP)
            try waitUntil("the reload to be logged") { daemon.logText().contains("configuration reloaded") }
            try daemon.drop("big.txt", text)
            try waitUntil("the file over the new limit to fail") { daemon.names(in: ".failed").contains("big.txt") }

            try "inbox: { path: inbox, settle: soon }\n".write(to: daemon.config, atomically: true, encoding: .utf8)
            kill(pid, SIGHUP)
            try waitUntil("the bad configuration to be refused") { daemon.logText().contains("configuration refused") }
            #expect(daemon.logText().contains("settle"))
            // Still running on the 1KiB limit it had.
            try daemon.drop("small.txt", "A short note on the harbour, small enough for the limit.\n")
            try waitUntil("the small file to be ingested") { daemon.names(in: ".done").contains("small.txt") }
            #expect(try daemon.ctl("status").status == 0)
        }

        @Test func commandLinePathsOverrideTheConfiguration() throws {
            let daemon = try DaemonHarness()
            let inbox = daemon.root.appendingPathComponent("other-inbox")
            let store = daemon.root.appendingPathComponent("other-store")
            let socket = daemon.root.appendingPathComponent("other.sock")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = Binaries.gleanerd
            process.arguments = [
                "--config", daemon.config.path, "--inbox", inbox.path, "--state-dir", store.path,
                "--socket", socket.path, "--log-format", "json",
            ]
            let logFile = daemon.root.appendingPathComponent("json.log")
            #expect(FileManager.default.createFile(atPath: logFile.path, contents: nil), "cannot create \(logFile.path)")
            process.standardError = try FileHandle(forWritingTo: logFile)
            try process.run()
            defer {
                kill(process.processIdentifier, SIGTERM)
                process.waitUntilExit()
            }
            try waitUntil("gleanerd on the other socket") {
                try run(Binaries.gleanerctl, ["status", "--socket", socket.path]).status == 0
            }
            try "Ferries resumed their normal timetable on Monday, officials said.\n"
                .write(to: inbox.appendingPathComponent("note.txt"), atomically: true, encoding: .utf8)
            try waitUntil("the note ingested from the other inbox") {
                FileManager.default.fileExists(atPath: inbox.appendingPathComponent(".done/note.txt").path)
            }
            let status = try run(Binaries.gleanerctl, ["status", "--json", "--socket", socket.path])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect(report["storePath"] as? String == store.path)
            #expect(report["articles"] as? Int == 1)
            #expect(!FileManager.default.fileExists(atPath: daemon.store.path))
            // --log-format json: every line is one JSON object with a level and a message.
            let lines = try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["level"] is String && object?["msg"] is String, "not a JSON log line: \(line)")
            }
        }
    }
}
