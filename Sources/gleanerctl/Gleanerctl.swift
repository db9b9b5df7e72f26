import ArgumentParser

/// The `gleanerctl` command: asks a running gleanerd over its control socket. One subcommand
/// per file; the shared options (`--socket`, `--config`, `--json`) come from `ConnectionOptions`
/// and go after the subcommand's name.
///
/// Exit codes: 0 ok, 1 the command failed, 3 gleanerd is not running, 64 usage error.
@main
struct Gleanerctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleanerctl",
        abstract: "Query and control a running gleanerd.",
        discussion: "Exit status: 0 ok, 1 the command failed, 3 gleanerd is not running, 64 usage error.",
        subcommands: [
            StatusCommand.self, ListCommand.self, ShowCommand.self, HistoryCommand.self, DiffCommand.self,
            ExportCommand.self, SourcesCommand.self, FetchCommand.self, ReloadCommand.self, ExtractCommand.self, FsckCommand.self,
        ])
}
