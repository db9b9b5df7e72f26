import ArgumentParser
import Foundation
import GleanerCore

/// `gleaner-bench parse --dir DIR`: Gleaner's side of the parsing benchmark. Loads every file
/// of DIR into memory first, then runs `FeedReader.read` over all of them, pass after pass on
/// one thread, until `--min-seconds` have gone by; only the parsing is timed. Prints one JSON
/// line (the same fields as bench/feedparser_bench.py). With `--dump`, parses each file once
/// and prints what it read instead, so a change to the parser can be checked for identical output.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Time FeedReader.read on the files of a directory.")

    @Option(help: "The directory of feed files.")
    var dir: String

    @Option(help: "Repeat whole passes until this many seconds have gone by.")
    var minSeconds = 3.0

    @Flag(help: "Print every file's parsed feed (or error) once instead of timing.")
    var dump = false

    func run() throws {
        let files = try FeedFiles.load(dir)
        if dump { return Self.dump(files) }
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        let source = SourceRef(kind: .feed, name: "bench")
        let received = Date()
        var passes = 0
        var entries = 0
        var notFeeds = 0
        var errors = 0
        let clock = ContinuousClock()
        let start = clock.now
        repeat {
            entries = 0
            notFeeds = 0
            errors = 0
            for file in files {
                let document = Document(name: file.name, bytes: file.bytes, source: source, receivedAt: received)
                do {
                    if let feed = try FeedReader.read(document) { entries += feed.items.count } else { notFeeds += 1 }
                } catch {
                    errors += 1
                }
            }
            passes += 1
        } while (clock.now - start) < .milliseconds(Int(minSeconds * 1000))
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "{\"parser\":\"gleaner\",\"files\":\(files.count),\"bytes\":\(bytes),\"passes\":\(passes),\"seconds\":\(seconds),"
                + "\"entries\":\(entries),\"notFeeds\":\(notFeeds),\"errors\":\(errors)}")
    }

    private static func dump(_ files: [(name: String, bytes: [UInt8])]) {
        let source = SourceRef(kind: .feed, name: "bench")
        let received = Date(timeIntervalSince1970: 1_790_000_000)
        for file in files {
            // An address, so relative links resolve and show in the dump.
            let document = Document(
                name: file.name, bytes: file.bytes, source: source, url: "http://feeds.example.com/" + file.name,
                receivedAt: received)
            print("== \(file.name)")
            do {
                print(String(reflecting: try FeedReader.read(document)))
            } catch {
                print("error: \(error)")
            }
        }
    }
}

/// The regular files under a benchmark directory (subdirectories included), read whole, in
/// path order.
enum FeedFiles {
    static func load(_ directory: String) throws -> [(name: String, bytes: [UInt8])] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { throw BenchError("cannot list \(directory)") }
        var names: [String] = []
        while let name = walker.nextObject() as? String {
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { names.append(name) }
        }
        return try names.sorted().map { name in
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
            return (name, Array(data))
        }
    }
}
