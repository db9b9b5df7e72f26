import ArgumentParser
import Foundation
import GleanerCore

/// `gleanerctl fsck [--state-dir DIR]`: checks a store without a daemon and without writing
/// to it. Exit 0 when it is sound, 1 when it found problems (each named with its file).
struct FsckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsck", abstract: "Check a store's files (no daemon needed; nothing is written).")

    @Option(name: .customLong("state-dir"), help: ArgumentHelp("The store directory (default: store.path of the configuration).", valueName: "DIR"))
    var stateDir: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file to read the store path from.", valueName: "FILE"))
    var config: String = ConnectionOptions.defaultConfigFile

    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false

    func run() throws {
        try reportingFailures {
            let directory: URL
            if let stateDir {
                directory = URL(fileURLWithPath: stateDir)
            } else {
                do {
                    directory = try GleanerConfiguration.load(file: URL(fileURLWithPath: config)).store.path
                } catch {
                    throw CommandFailure(message: "\(error)", exitCode: .failure)
                }
            }
            let report: StoreCheck.Report
            do {
                report = try StoreCheck.run(storeDirectory: directory)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: .failure)
            }
            try Output.print(report, json: json) { report in
                let summary = "\(report.store): \(report.counts.articles) articles, \(report.counts.versions) versions, \(report.counts.sightings) sightings, \(report.sources) sources"
                let verdict = report.isClean ? "no problems found" : "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"):"
                return ([summary, "index: " + report.index, verdict] + report.problems.map(\.description)).joined(separator: "\n")
            }
            if !report.isClean { throw ExitCode.failure }
        }
    }
}
