import ArgumentParser
import GleanerControl
import GleanerCore

/// `gleanerctl history ID`: every version of one article, oldest first, with when and from
/// where each was captured and how many words it added and removed.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the versions of one article and what each changed.")

    @Argument(help: "The article's id (as `list` shows it, or a unique prefix of it).")
    var id: String

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let history = try client.history(id: id)
                try Output.print(history, json: connection.json) { $0.text }
            }
        }
    }
}
