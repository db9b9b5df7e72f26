import Foundation

/// Prints the benchmark's tables: wall, CPU and peak memory of each client, the ratios, and
/// the bytes per source the server counted.
enum Report {
    static func table(_ runs: [ClientRun]) {
        print(pad("client", 20) + pad("wall", 10) + pad("user+sys", 10) + pad("user", 9) + pad("sys", 9)
            + pad("peak RSS", 11) + pad("requests", 10) + pad("conns", 7) + pad("in flight", 11) + "statuses")
        for run in runs {
            let statuses = run.statuses.keys.sorted().map { "\(run.statuses[$0]!)×\($0)" }.joined(separator: " ")
            print(
                pad(run.name, 20) + pad(seconds(run.usage.wallSeconds), 10) + pad(seconds(run.usage.cpuSeconds), 10)
                    + pad(seconds(run.usage.userSeconds), 9) + pad(seconds(run.usage.systemSeconds), 9)
                    + pad(mebibytes(run.usage.peakRSSKiB), 11) + pad(String(run.server.requests), 10)
                    + pad(String(run.server.connections), 7) + pad("max \(run.server.maxInFlight)", 11) + statuses)
        }
        for run in runs where run.rounds.count > 1 {
            let list = run.rounds.map { "\(fixed($0.wall, 3))/\(fixed($0.cpu, 3))" }.joined(separator: " ")
            print("  \(run.name) rounds, wall/CPU s: \(list)")
        }
    }

    static func ratios(_ gleaner: ClientRun, _ curl: ClientRun) {
        let wall = gleaner.usage.wallSeconds / curl.usage.wallSeconds
        let cpu = gleaner.usage.cpuSeconds / max(0.001, curl.usage.cpuSeconds)
        let memory = Double(gleaner.usage.peakRSSKiB) / Double(max(1, curl.usage.peakRSSKiB))
        print("ratio gleaner/curl: wall \(fixed(wall, 2)), CPU \(fixed(cpu, 2)) (target 1.2 or lower), peak RSS \(fixed(memory, 2))")
    }

    /// The daemon's view: Gleaner's cycle measured inside its running process (no process start,
    /// transport already set up) against curl's whole process, and against curl's process less
    /// its start-up (`curl --version`), so neither side is flattered.
    static func inProcess(_ gleaner: ClientRun, _ curl: ClientRun, curlStart: ChildUsage) {
        guard let cycle = gleaner.cycle else { return }
        let rounds = gleaner.cycleRounds.map { "\(fixed($0.wall, 3))/\(fixed($0.cpu, 3))" }.joined(separator: " ")
        print("gleaner cycle inside the running client (what the daemon pays per cycle): wall \(seconds(cycle.wall)), CPU \(seconds(cycle.cpu)); rounds \(rounds)")
        let curlWall = curl.usage.wallSeconds, curlCPU = curl.usage.cpuSeconds
        let lessWall = max(0.001, curlWall - curlStart.wallSeconds), lessCPU = max(0.001, curlCPU - curlStart.cpuSeconds)
        print(
            "ratio in-process gleaner/curl: wall \(fixed(cycle.wall / curlWall, 2)), CPU \(fixed(cycle.cpu / max(0.001, curlCPU), 2)) (target 1.2 or lower); "
                + "against curl less its start-up: wall \(fixed(cycle.wall / lessWall, 2)), CPU \(fixed(cycle.cpu / lessCPU, 2))")
    }

    static func bytesPerSource(_ runs: [ClientRun], sources: Int) {
        for run in runs {
            let received = Double(run.server.bytesReceived) / Double(sources)
            let sent = Double(run.server.bytesSent) / Double(sources)
            print(
                "\(run.name): bytes on the wire per source \(fixed(received + sent, 0)) "
                    + "(request \(fixed(received, 0)) + response \(fixed(sent, 0)); target under 1024)")
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func seconds(_ value: Double) -> String { fixed(value, 3) + " s" }
    static func mebibytes(_ kibibytes: Int) -> String { fixed(Double(kibibytes) / 1024, 1) + " MiB" }
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
