import ArgumentParser
import Foundation

/// `gleaner-bench fetch-cycle`: benchmark (a) and (b). Starts `serve` in its own process, then
/// runs, each as a child process measured with `wait4`:
///
/// 1. cycle 1 (every feed answers 200): `gleaner-bench fetch` (CurlTransport) and
///    `curl --parallel --parallel-max C -K config`, on the same URL list at the same concurrency;
/// 2. cycle 2 (every feed answers 304): both again, sending the validators of cycle 1, with the
///    bytes the server read and wrote counted per source;
/// 3. optionally a real `gleanerd` with the feeds configured as sources (`DaemonCycle`).
///
/// The server's stdin is a pipe from this process, so it stops when this process goes away.
struct FetchCycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch-cycle", abstract: "Gleaner's transport against curl --parallel on one host of generated feeds.")

    @Option(help: "How many feed sources.")
    var feeds = 1000

    @Option(help: "Transfers at once, for both clients.")
    var concurrency = 32

    @Option(help: "Full cycles per client and kind (alternating gleaner, curl); the median is reported.")
    var rounds = 5

    @Option(help: "The curl to compare with.")
    var curl = "curl"

    @Option(help: "Also run a full gleanerd cycle with this gleanerd (and --gleanerctl).")
    var gleanerd: String?

    @Option(help: "The gleanerctl that goes with --gleanerd.")
    var gleanerctl: String?

    func run() throws {
        let work = try TemporaryDirectory(prefix: "gleaner-bench-fetch")
        let me = try selfExecutable()
        try checkCurl()

        let server = try ChildProcess([me, "serve", "--feeds", String(feeds)], pipeInput: true, pipeOutput: true)
        defer { server.closeInput(); server.terminate() }
        guard let banner = try server.output?.readLine(timeout: .seconds(120)), banner.hasPrefix("port ") else {
            throw BenchError("serve did not print its port")
        }
        let fields = banner.split(separator: " ")
        let port = String(fields[1])
        let servedBytes = Int(fields.last ?? "") ?? 0
        let urls = (1...feeds).map { "http://127.0.0.1:\(port)/feed/\($0).xml" }
        let urlFile = work.path("urls.txt")
        try (urls.joined(separator: "\n") + "\n").write(toFile: urlFile, atomically: true, encoding: .utf8)
        print("fetch benchmark: \(feeds) feeds on 127.0.0.1:\(port) (server in its own process), \(servedBytes) bytes of RSS, concurrency \(concurrency)")
        print("curl: \(try curlVersion())")

        // What the Gleaner client costs with nothing to fetch (process start, Swift runtime,
        // transport and loop thread set-up), printed so the cycle figures can be read against it.
        let noURLs = work.path("no-urls.txt")
        guard FileManager.default.createFile(atPath: noURLs, contents: Data()) else { throw BenchError("cannot write \(noURLs)") }
        let idle = try ChildProcess([me, "fetch", "--urls", noURLs], stdoutPath: work.path("idle.out")).waitForSuccess()
        print(
            "gleaner client with no URLs (fixed cost, included below): wall \(Report.seconds(idle.wallSeconds)), "
                + "CPU \(Report.seconds(idle.cpuSeconds)), peak RSS \(Report.mebibytes(idle.peakRSSKiB))")

        // What curl's start costs, for reading the in-process figures against its whole-process ones.
        let curlStart = try ChildProcess([curl, "--version"], stdoutPath: work.path("curl-version.out")).waitForSuccess()
        print("curl --version (its start-up, included in curl's figures): wall \(Report.seconds(curlStart.wallSeconds)), CPU \(Report.seconds(curlStart.cpuSeconds))")

        // Cycle 1: every feed answers 200.
        let validators = work.path("validators.tsv")
        let curlConfig1 = work.path("curl-1.config")
        try CurlConfig.write(urls: urls, validators: [:], to: curlConfig1)
        let (gleaner1, curl1) = try measureRounds(
            gleaner: [me, "fetch", "--urls", urlFile, "--concurrency", String(concurrency), "--save-validators", validators],
            curl: curlCommand(curlConfig1), server: server, work: work)
        print("\ncycle 1: every feed answers 200 (\(roundsNote))")
        Report.table([gleaner1, curl1])
        Report.ratios(gleaner1, curl1)
        Report.inProcess(gleaner1, curl1, curlStart: curlStart)

        // Cycle 2: the same URLs with cycle 1's validators; every feed answers 304.
        let known = try FetchCommand.readValidators(validators)
        let curlConfig2 = work.path("curl-2.config")
        try CurlConfig.write(urls: urls, validators: known, to: curlConfig2)
        let (gleaner2, curl2) = try measureRounds(
            gleaner: [me, "fetch", "--urls", urlFile, "--concurrency", String(concurrency), "--validators", validators],
            curl: curlCommand(curlConfig2), server: server, work: work)
        print("\ncycle 2: every feed answers 304, validators from cycle 1 (\(roundsNote))")
        Report.table([gleaner2, curl2])
        Report.ratios(gleaner2, curl2)
        Report.inProcess(gleaner2, curl2, curlStart: curlStart)
        Report.bytesPerSource([gleaner2, curl2], sources: feeds)

        if let gleanerd {
            guard let gleanerctl else { throw BenchError("--gleanerd needs --gleanerctl") }
            try server.send("reset")
            _ = try server.output?.readLine(timeout: .seconds(10))
            let daemon = DaemonCycle(gleanerd: gleanerd, gleanerctl: gleanerctl, urls: urls, work: work)
            try daemon.run()
        }
    }

    private var roundsNote: String {
        rounds == 1 ? "one full cycle each" : "\(rounds) full cycles each, alternating; median of each column, every round listed"
    }

    /// `rounds` cycles of each client, alternating so drift in the machine's load hits both;
    /// the median of each, and every round's wall and CPU listed.
    private func measureRounds(gleaner: [String], curl: [String], server: ChildProcess, work: TemporaryDirectory) throws -> (ClientRun, ClientRun) {
        var gleanerRuns: [ClientRun] = []
        var curlRuns: [ClientRun] = []
        for _ in 0..<max(1, rounds) {
            gleanerRuns.append(try runClient("gleaner", gleaner, server: server, work: work))
            curlRuns.append(try runClient("curl", curl, server: server, work: work))
        }
        return (ClientRun.median(gleanerRuns), ClientRun.median(curlRuns))
    }

    private func curlCommand(_ config: String) -> [String] {
        [curl, "--silent", "--show-error", "--no-progress-meter", "--parallel", "--parallel-max", String(concurrency), "--config", config]
    }

    /// Runs one client with the server's counters zeroed first and read after, and checks that
    /// every URL was answered.
    private func runClient(_ name: String, _ command: [String], server: ChildProcess, work: TemporaryDirectory) throws -> ClientRun {
        try server.send("reset")
        guard try server.output?.readLine(timeout: .seconds(10)) == "ok" else { throw BenchError("serve did not reset") }
        let output = work.path("\(name)-\(UUID().uuidString).out")
        let child = try ChildProcess(command, stdoutPath: output)
        let usage = try child.waitForSuccess()
        try server.send("stats")
        guard let line = try server.output?.readLine(timeout: .seconds(10)) else { throw BenchError("serve did not answer stats") }
        let counters = try JSONDecoder().decode(ServerCounters.self, from: Data(line.utf8))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let summary = name == "curl" ? nil : try JSONDecoder().decode(ClientSummary.self, from: Data(text.utf8))
        let statuses = summary?.statuses ?? CurlConfig.statuses(text)
        let answered = statuses.values.reduce(0, +)
        guard answered == feeds, statuses.keys.allSatisfy({ $0 == "200" || $0 == "304" }) else {
            throw BenchError("\(name) did not get every feed: \(statuses)")
        }
        var run = ClientRun(name: name == "curl" ? "curl --parallel" : "gleaner transport", usage: usage, server: counters, statuses: statuses)
        if let summary { run.cycle = CycleCost(wall: summary.cycleWall, cpu: summary.cycleUser + summary.cycleSystem) }
        return run
    }

    private func checkCurl() throws {
        let help = try capture([curl, "--help", "all"])
        guard help.contains("--parallel-max") else { throw BenchError("\(curl) has no --parallel-max (curl 7.66 or later needed)") }
    }

    private func curlVersion() throws -> String {
        String(try capture([curl, "--version"]).split(separator: "\n").first ?? "?")
    }
}

/// One client's cycle (or the median of several): its cost and what the server saw.
struct ClientRun {
    var name: String
    var usage: ChildUsage
    var server: ServerCounters
    var statuses: [String: Int]
    /// Every round's (wall, CPU) when this is a median.
    var rounds: [(wall: Double, cpu: Double)] = []
    /// The cycle as measured inside the client process (Gleaner only), the median when this
    /// is a median.
    var cycle: CycleCost?
    var cycleRounds: [CycleCost] = []

    /// The median wall, the median CPU (user and sys of that round), the median peak RSS; the
    /// server's counters and statuses of the first round (every round moves the same bytes).
    static func median(_ runs: [ClientRun]) -> ClientRun {
        func middle<T>(_ values: [T], by key: (T) -> Double) -> T { values.sorted { key($0) < key($1) }[values.count / 2] }
        var result = runs[0]
        let byCPU = middle(runs) { $0.usage.cpuSeconds }
        result.usage = byCPU.usage
        result.usage.wall = middle(runs) { $0.usage.wallSeconds }.usage.wall
        result.usage.peakRSSKiB = middle(runs.map(\.usage.peakRSSKiB)) { Double($0) }
        result.rounds = runs.map { ($0.usage.wallSeconds, $0.usage.cpuSeconds) }
        let cycles = runs.compactMap(\.cycle)
        if !cycles.isEmpty {
            result.cycle = CycleCost(wall: middle(cycles.map(\.wall)) { $0 }, cpu: middle(cycles.map(\.cpu)) { $0 })
            result.cycleRounds = cycles
        }
        return result
    }
}

/// Wall and CPU seconds of one fetch cycle inside a running process.
struct CycleCost {
    var wall: Double
    var cpu: Double
}

/// Runs a command to completion and returns its stdout (for `--version` and the like).
func capture(_ command: [String]) throws -> String {
    let child = try ChildProcess(command, pipeOutput: true)
    var lines: [String] = []
    while let line = try child.output?.readLine(timeout: .seconds(30)) { lines.append(line) }
    _ = try child.waitForSuccess()
    return lines.joined(separator: "\n")
}

/// This executable's path, so children run the same build.
func selfExecutable() throws -> String {
    let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    return path
}

/// A fresh directory under $TMPDIR, removed when the value goes away.
final class TemporaryDirectory {
    let root: String

    init(prefix: String) throws {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("mkdtemp \(prefix): \(String(cString: strerror(errno)))") }
        root = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { root + "/" + name }
}
