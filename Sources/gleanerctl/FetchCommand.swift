import ArgumentParser
import GleanerControl

/// `gleanerctl fetch [SOURCE…]`: fetch the named sources (all when none is named) now, instead
/// of at their next due time.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Fetch sources now (all of them when none is named).")

    @Argument(help: "The sources to fetch, by name.")
    var sources: [String] = []

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        try reportingFailures {
            try connection.withClient { client in
                let reply = try client.fetch(sources)
                try Output.print(reply, json: connection.json) { reply in
                    reply.scheduled.isEmpty
                        ? "no sources configured"
                        : "fetching now: " + reply.scheduled.joined(separator: ", ")
                }
            }
        }
    }
}
