import ArgumentParser
import GleanerControl
import GleanerCore

/// `gleanerctl show ID [--version N]`: one article; with `--version`, that version's content
/// (with `--json`, that version's object from the document's `versions`).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one article, or one of its versions.")

    @Argument(help: "The article's id (as `list` shows it).")
    var id: String

    @Option(name: .long, help: ArgumentHelp("Show this version (1 is the first).", valueName: "N"))
    var version: Int?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let version, version < 1 { throw ValidationError("--version must be 1 or more") }
    }

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let article = try client.show(id: id, version: version)
                guard let text = article.text(version: version) else {
                    throw ControlClientError.commandFailed(
                        code: .notFound, message: ControlFailure.noSuchVersion(version ?? article.version, of: id).message)
                }
                if connection.json {
                    if let version, let chosen = article.versions.first(where: { $0.version == version }) {
                        try Output.printJSON(chosen)
                    } else {
                        try Output.printJSON(article)
                    }
                } else {
                    try StandardStreams.print(text)
                        }
            }
        }
    }
}
