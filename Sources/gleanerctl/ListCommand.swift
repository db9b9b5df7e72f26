import ArgumentParser
import Foundation
import GleanerControl
import GleanerCore

/// `gleanerctl list`: one line per article, most recently seen first; `--since` filters on when
/// an article was last seen, `--changed-since` on when its current version was captured.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles, most recently seen first.")

    @Option(name: .long, help: ArgumentHelp(TimeArgument.help, valueName: "TIME"), transform: TimeArgument.parse)
    var since: Date?

    @Option(
        name: .customLong("changed-since"),
        help: ArgumentHelp(
            "Only articles that got a new version at or after TIME (--since is about when an article was last seen, "
                + "which a sighting moves too); same forms as --since.", valueName: "TIME"),
        transform: TimeArgument.parse)
    var changedSince: Date?

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
                let query = ListQuery(since: since, limit: limit, source: source, changedSince: changedSince)
                let summaries = try client.list(query)
                // A gleanerd older than --changed-since ignores it and sends no lastChanged:
                // say so rather than print articles that were not asked for.
                if changedSince != nil, summaries.contains(where: { $0.lastChanged == nil }) {
                    throw CommandFailure(
                        message: "this gleanerd does not support --changed-since; upgrade it", exitCode: .failure)
                }
                try Output.print(summaries, json: connection.json) { summaries in
                    summaries.map { $0.line() }.joined(separator: "\n")
                }
            }
        }
    }
}
