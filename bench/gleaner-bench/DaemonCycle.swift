import Foundation

/// The full daemon figure of the fetch benchmark (no peer): a real `gleanerd` with every feed
/// configured as a source, timed from its start until `gleanerctl sources --json` shows a
/// `lastFetch` for every source; its CPU (utime + stime of /proc/PID/stat) and peak RSS
/// (VmHWM of /proc/PID/status) are read before it is stopped.
struct DaemonCycle {
    var gleanerd: String
    var gleanerctl: String
    var urls: [String]
    var work: TemporaryDirectory
    var timeout: Duration = .seconds(600)

    func run() throws {
        let root = work.path("daemon")
        for folder in ["inbox", "store"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        let socket = "\(root)/gleanerd.sock"
        let config = "\(root)/gleaner.yaml"
        var yaml = """
            inbox: { path: \(root)/inbox }
            store: { path: \(root)/store }
            control: { socket: \(socket) }
            fetch:
              concurrency: 32
              perHostConcurrency: 32
              allowPrivateNetworks: true
              followArticleLinks: false
            log: { level: warning }
            sources:

            """
        for (index, url) in urls.enumerated() {
            yaml += "  - { name: feed-\(index + 1), url: \"\(url)\", every: 1h }\n"
        }
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)

        let daemon = try ChildProcess(
            [gleanerd, "--config", config, "--log-level", "warning"], stdoutPath: "\(root)/gleanerd.out",
            stderrPath: "\(root)/gleanerd.log", direct: true)
        defer { daemon.terminate() }
        let started = ContinuousClock.now
        var fetched = 0
        while fetched < urls.count {
            guard ContinuousClock.now - started < timeout else {
                throw BenchError("gleanerd fetched \(fetched) of \(urls.count) sources within \(timeout)")
            }
            usleep(250_000)
            fetched = (try? fetchedSources(socket: socket)) ?? 0
        }
        let wall = ContinuousClock.now - started
        let cpu = try cpuSeconds(pid: daemon.pid)
        let peak = try peakRSSKiB(pid: daemon.pid)
        let articles = try articleCount(root: root)
        print("\nfull daemon cycle: gleanerd with \(urls.count) feed sources (every: 1h, followArticleLinks: false, concurrency 32 per host)")
        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        print(
            "every source fetched after \(Report.seconds(wallSeconds)) (from spawn; polled every 250 ms), "
                + "CPU \(Report.seconds(cpu.user + cpu.system)) (user \(Report.seconds(cpu.user)), sys \(Report.seconds(cpu.system))), "
                + "peak RSS \(Report.mebibytes(peak)), \(articles) article files in the store")
    }

    /// How many sources have a `lastFetch`, from `gleanerctl sources --json`.
    private func fetchedSources(socket: String) throws -> Int {
        let text = try capture([gleanerctl, "sources", "--socket", socket, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let list = (object as? [[String: Any]]) ?? ((object as? [String: Any])?["sources"] as? [[String: Any]]) ?? []
        return list.filter { $0["lastFetch"] != nil && !($0["lastFetch"] is NSNull) }.count
    }

    private func cpuSeconds(pid: pid_t) throws -> (user: Double, system: Double) {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name in parentheses may hold spaces; fields are counted after it.
        guard let close = stat.lastIndex(of: ")") else { throw BenchError("/proc/\(pid)/stat: no command name") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ")": state is field 3, so utime (14) and stime (15) are at offsets 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError("/proc/\(pid)/stat: cannot read utime and stime")
        }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user / ticks, system / ticks)
    }

    private func peakRSSKiB(pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kibibytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { throw BenchError("/proc/\(pid)/status: no VmHWM") }
        return kibibytes
    }

    private func articleCount(root: String) throws -> Int {
        guard let walker = FileManager.default.enumerator(atPath: "\(root)/store") else { return 0 }
        var count = 0
        while let name = walker.nextObject() as? String {
            if name.hasSuffix(".json") { count += 1 }
        }
        return count
    }
}
