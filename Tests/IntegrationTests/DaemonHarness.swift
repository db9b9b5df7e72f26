import Foundation
import Glibc

/// One real `gleanerd` on a temporary directory of its own, driven the way a user drives it:
/// files dropped into its inbox, `gleanerctl` for questions, signals to stop it.
final class DaemonHarness {
    let root: URL
    var inbox: URL { root.appendingPathComponent("inbox") }
    var store: URL { root.appendingPathComponent("store") }
    var socket: URL { root.appendingPathComponent("gleanerd.sock") }
    var config: URL { root.appendingPathComponent("gleaner.yaml") }
    var log: URL { root.appendingPathComponent("gleanerd.log") }
    private(set) var process: Process?

    /// Creates the directory and writes a configuration; `extra` replaces the default inbox line.
    /// `extra` is appended to the configuration (a `fetch:` section, `sources:`…).
    init(maxFileSize: String = "1MiB", settle: String = "100ms", afterIngest: String = "move", extra: String = "") throws {
        // Short path: a unix socket path must fit in 108 bytes.
        var template = Array("/tmp/gleaner-it-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        root = URL(fileURLWithPath: String(cString: made))
        let yaml = """
            # written by the integration tests
            inbox: { path: inbox, settle: \(settle), maxFileSize: \(maxFileSize), afterIngest: \(afterIngest) }
            store: { path: store }
            control: { socket: gleanerd.sock, mode: "0660" }

            """ + extra
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// Starts gleanerd and waits until its control socket answers. `launcher` is a command that
    /// runs gleanerd for us and then becomes it (`ip netns exec NAME`), so the process stays the
    /// daemon's own pid for signals; empty runs gleanerd directly.
    func start(environment extra: [String: String] = [:], waitForSocket: Bool = true, launcher: [String] = []) throws {
        let process = Process()
        let command = launcher + [Binaries.gleanerd.path, "--config", config.path]
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "JOURNAL_STREAM")
        environment.merge(extra) { $1 }
        process.environment = environment
        if !FileManager.default.fileExists(atPath: log.path) {
            FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let logHandle = try FileHandle(forWritingTo: log)
        logHandle.seekToEndOfFile()
        process.standardError = logHandle
        process.standardOutput = logHandle
        try process.run()
        self.process = process
        if waitForSocket {
            try waitUntil("gleanerd to answer on \(socket.path)") {
                guard process.isRunning else { throw DaemonExited(log: logText()) }
                return try ctl("status").status == 0
            }
        }
    }

    /// Runs gleanerctl with `args`, then `--socket` for this daemon.
    @discardableResult
    func ctl(_ args: String..., stdin: Data? = nil) throws -> CommandResult {
        try run(Binaries.gleanerctl, args + ["--socket", socket.path], stdin: stdin)
    }

    func ctlJSON(_ args: String...) throws -> Any {
        let result = try run(Binaries.gleanerctl, args + ["--json", "--socket", socket.path])
        guard result.status == 0 else {
            throw CommandFailed(command: args.joined(separator: " "), result: result)
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// `gleanerctl sources --json`, by source name.
    func sources() throws -> [String: [String: Any]] {
        let list = try ctlJSON("sources") as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.compactMap { entry in (entry["name"] as? String).map { ($0, entry) } })
    }

    func status() throws -> [String: Any] {
        try ctlJSON("status") as? [String: Any] ?? [:]
    }

    func inboxCount(_ key: String) throws -> Int {
        ((try status()["inbox"] as? [String: Any])?[key] as? Int) ?? -1
    }

    /// Every stored article, through `gleanerctl export`.
    func export() throws -> [[String: Any]] {
        let result = try ctl("export")
        guard result.status == 0 else { throw CommandFailed(command: "export", result: result) }
        return try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// Writes a file into the inbox the way a careful program does: under a temporary name,
    /// then renamed into place.
    func drop(_ name: String, _ bytes: Data) throws {
        let temporary = inbox.appendingPathComponent(".\(name).part")
        try bytes.write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: inbox.appendingPathComponent(name))
    }

    func drop(_ name: String, _ text: String) throws { try drop(name, Data(text.utf8)) }

    func names(in folder: String) -> [String] {
        let dir = folder.isEmpty ? inbox : inbox.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// Sends `signal` and waits for the daemon to exit; returns its exit status.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) throws -> Int32 {
        guard let process else { return -1 }
        kill(process.processIdentifier, signal)
        try waitUntil("gleanerd to exit after signal \(signal)", timeout: .seconds(30)) { !process.isRunning }
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    func logText() -> String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }
}

struct DaemonExited: Error, CustomStringConvertible {
    var log: String
    var description: String { "gleanerd exited early; its log:\n\(log)" }
}

struct CommandFailed: Error, CustomStringConvertible {
    var command: String
    var result: CommandResult
    var description: String {
        "gleanerctl \(command) exited \(result.status): \(result.stderr)\(result.stdout)"
    }
}

/// The names of every source that delivered a version or a sighting of an exported article
/// (for the inbox, the file names).
func sourceNames(of article: [String: Any]) -> [String] {
    let entries = (article["versions"] as? [[String: Any]] ?? []) + (article["sightings"] as? [[String: Any]] ?? [])
    return entries.compactMap { ($0["source"] as? [String: Any])?["name"] as? String }
}
