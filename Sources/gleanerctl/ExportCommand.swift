import ArgumentParser
import Foundation
import GleanerControl

/// `gleanerctl export [--since TIME]`: JSON Lines on standard output, one article document per
/// line, written as they arrive from the daemon (nothing is held in memory). Always JSON:
/// `--json` is accepted and changes nothing.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write articles as JSON Lines, one document per line.")

    @Option(name: .long, help: ArgumentHelp(TimeArgument.help, valueName: "TIME"), transform: TimeArgument.parse)
    var since: Date?

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                do {
                    try client.export(since: since) { line in
                        try StandardStreams.write(line + [UInt8(ascii: "\n")])
                    }
                        } catch let failure as StandardStreams.WriteFailure {
                    throw CommandFailure(message: failure.description, exitCode: .failure)
                }
            }
        }
    }
}
