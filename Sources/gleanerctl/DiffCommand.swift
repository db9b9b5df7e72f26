import ArgumentParser
import GleanerControl
import GleanerCore

/// `gleanerctl diff ID [A [B]]`: what changed in one article's body, word by word. No version:
/// the last two; A alone: version A against the current one; A and B: A against B. Removed
/// words show as `[-…-]`, inserted ones as `{+…+}`, in red and green on a terminal.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what changed between two versions of one article, word by word.",
        discussion: """
            With no version, compares the last two versions (an article with one version is compared \
            with nothing). With A, compares version A with the current version. With A and B, \
            compares version A with version B. Removed words are shown as [-…-], inserted ones as {+…+}; \
            on a terminal they are also coloured, unless NO_COLOR is set.
            """)

    @Argument(help: "The article's id (as `list` shows it, or a unique prefix of it).")
    var id: String

    @Argument(help: ArgumentHelp("The older version (A) and the newer one (B); 1 is the first.", valueName: "version"))
    var versions: [Int] = []

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if versions.count > 2 { throw ValidationError("at most two versions (A and B), got \(versions.count)") }
        if let bad = versions.first(where: { $0 < 1 }) { throw ValidationError("versions are 1 or more (got \(bad))") }
    }

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let from = versions.first
                // One version means "against the current one": `to` left to the daemon.
                let to = versions.count == 2 ? versions[1] : nil
                let diff = try client.diff(id: id, from: from, to: to)
                let colored = TerminalColor.isWanted
                try Output.print(diff, json: connection.json) { $0.text(colored: colored) }
            }
        }
    }
}
