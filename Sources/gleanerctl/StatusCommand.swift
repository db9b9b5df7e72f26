import ArgumentParser
import GleanerControl
import GleanerCore

/// `gleanerctl status`: the daemon, its store, inbox and sources, its last errors.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show what gleanerd holds and how it is doing.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let report = try client.status()
                try Output.print(report, json: connection.json) { $0.text }
            }
        }
    }
}
