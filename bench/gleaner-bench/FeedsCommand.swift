import ArgumentParser
import Foundation

/// `gleaner-bench generate --dir DIR`: writes the parsing benchmark's feed set (half RSS 2.0,
/// half Atom 1.0, about 10 MB in all).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write the generated feed set.")

    @Option(help: "The directory to write into (created if missing).")
    var dir: String

    @Option(help: "How many feeds.")
    var count = 200

    func run() throws {
        let bytes = try Self.write(count: count, into: dir)
        print("wrote \(count) feeds, \(bytes) bytes, to \(dir)")
    }

    /// Sizes spread over 30–70 KB (25–44 items), so the set averages about 50 KB a file.
    static func write(count: Int, into directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var total = 0
        for number in 1...max(1, count) {
            let format: FeedGenerator.Format = number % 2 == 0 ? .atom : .rss
            let bytes = FeedGenerator.feed(
                format, number: number, items: 25 + number % 20, targetBytes: 30_000 + (number * 7_919) % 40_000)
            let path = directory + "/\(String(format: "%03d", number)).\(format == .rss ? "rss" : "atom").xml"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BenchError("cannot write \(path)") }
            total += bytes.count
        }
        return total
    }
}

/// `gleaner-bench feeds`: benchmark (c). Parses the same files with Gleaner's `FeedReader`
/// (`gleaner-bench parse`) and with Python feedparser (bench/feedparser_bench.py), each in its
/// own process so its peak RSS is its own, one after the other on one core each; prints MB/s
/// (10^6 bytes per second of parsing), the ratio and peak memory. Runs on the generated set and,
/// when the corpus is there, on feedparser's own wellformed test cases.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feeds", abstract: "FeedReader against Python feedparser on the same files.")

    @Option(help: "The Python with feedparser installed.")
    var python = "python3"

    @Option(help: "The feedparser side of the benchmark.")
    var script = "bench/feedparser_bench.py"

    @Option(help: "feedparser's test cases (the wellformed ones are parsed too); skipped when absent.")
    var corpus = "../shared/corpus/feedparser-cases.tar.gz"

    @Option(help: "Each parser repeats whole passes until this many seconds have gone by.")
    var minSeconds = 5.0

    @Option(help: "How many generated feeds.")
    var count = 200

    func run() throws {
        let work = try TemporaryDirectory(prefix: "gleaner-bench-feeds")
        let generated = work.path("generated")
        let bytes = try GenerateCommand.write(count: count, into: generated)
        print("parsing benchmark: \(count) generated feeds (RSS 2.0 and Atom 1.0), \(bytes) bytes, in \(generated)")
        try compare(directory: generated, work: work)

        if FileManager.default.fileExists(atPath: corpus) {
            let cases = work.path("cases")
            try FileManager.default.createDirectory(atPath: cases, withIntermediateDirectories: true)
            _ = try ChildProcess(["tar", "-xzf", corpus, "-C", cases, "feedparser-cases/wellformed"]).waitForSuccess()
            print("\nfeedparser's wellformed test cases from \(corpus)")
            try compare(directory: cases, work: work)
        } else {
            print("\nskipped feedparser's test cases: \(corpus) is absent")
        }
    }

    private func compare(directory: String, work: TemporaryDirectory) throws {
        let me = try selfExecutable()
        let gleaner = try measure([me, "parse", "--dir", directory, "--min-seconds", String(minSeconds)], work: work)
        let peer = try measure([python, script, "--dir", directory, "--min-seconds", String(minSeconds)], work: work)
        print(Report.pad("parser", 22) + Report.pad("MB/s", 9) + Report.pad("passes", 8) + Report.pad("entries", 9)
            + Report.pad("not feeds", 10) + Report.pad("errors", 8) + Report.pad("peak RSS", 11) + "CPU")
        for (result, usage) in [gleaner, peer] {
            print(
                Report.pad(result.parser, 22) + Report.pad(Report.fixed(result.megabytesPerSecond, 2), 9)
                    + Report.pad(String(result.passes), 8) + Report.pad(String(result.entries), 9)
                    + Report.pad(String(result.notFeeds), 10) + Report.pad(String(result.errors), 8)
                    + Report.pad(Report.mebibytes(usage.peakRSSKiB), 11) + Report.seconds(usage.cpuSeconds))
        }
        let ratio = gleaner.0.megabytesPerSecond / peer.0.megabytesPerSecond
        print("ratio gleaner/feedparser: \(Report.fixed(ratio, 1))× faster (target 20× or more)")
    }

    private func measure(_ command: [String], work: TemporaryDirectory) throws -> (ParseResult, ChildUsage) {
        let output = work.path("parse-\(UUID().uuidString).json")
        let usage = try ChildProcess(command, stdoutPath: output).waitForSuccess()
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        return (try JSONDecoder().decode(ParseResult.self, from: data), usage)
    }
}

/// What `parse` and feedparser_bench.py print.
struct ParseResult: Decodable {
    var parser: String
    var files: Int
    var bytes: Int
    var passes: Int
    var seconds: Double
    var entries: Int
    var notFeeds: Int
    var errors: Int

    var megabytesPerSecond: Double { Double(bytes) * Double(passes) / seconds / 1e6 }
}
