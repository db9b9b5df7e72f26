import ArgumentParser
import GleanerControl
import GleanerCore

/// `gleanerctl sources`: each configured source's health — last fetch, HTTP status, last error,
/// failures in a row, next due, validators held, articles found.
struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources", abstract: "Show each configured source and how its fetches go.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let sources = try client.sources()
                try Output.print(sources, json: connection.json) { SourceStatus.text($0) }
            }
        }
    }
}
