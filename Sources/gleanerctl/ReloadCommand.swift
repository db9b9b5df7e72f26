import ArgumentParser
import GleanerControl

/// `gleanerctl reload`: gleanerd reads its configuration again (as on SIGHUP). A bad file is
/// refused with its errors and the running configuration stays.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload", abstract: "Make gleanerd read its configuration again.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let reply = try client.reload()
                try Output.print(reply, json: connection.json) { reply in
                    "reloaded \(reply.config): \(reply.sources) source\(reply.sources == 1 ? "" : "s")"
                }
            }
        }
    }
}
