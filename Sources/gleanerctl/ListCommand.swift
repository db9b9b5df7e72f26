import ArgumentParser
import Foundation
import GleanerControl
import GleanerCore

/// `gleanerctl list`: one line per article, newest first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles, most recently seen first.")

    @Option(name: .long, help: ArgumentHelp(TimeArgument.help, valueName: "TIME"), transform: TimeArgument.parse)
    var since: Date?

    @Option(name: .long, help: ArgumentHelp("At most this many articles.", valueName: "N"))
    var limit: Int?

    @Option(name: .long, help: ArgumentHelp("Only articles this source delivered.", valueName: "NAME"))
    var source: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let summaries = try client.list(ListQuery(since: since, limit: limit, source: source))
                try Output.print(summaries, json: connection.json) { summaries in
                    summaries.map { $0.line() }.joined(separator: "\n")
                }
            }
        }
    }
}
