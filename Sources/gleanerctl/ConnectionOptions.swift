import ArgumentParser
import GleanerControl

/// The options every subcommand that talks to gleanerd takes, and the one place that turns
/// them into a client and a client's failure into a message and an exit code.
struct ConnectionOptions: ParsableArguments {
    static let defaultConfigFile = "/etc/gleaner/gleaner.yaml"

    @Option(name: .long, help: ArgumentHelp("The control socket (default: control.socket of the configuration).", valueName: "PATH"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("The configuration file to read the socket path from.", valueName: "FILE"))
    var config: String = ConnectionOptions.defaultConfigFile

    @Flag(name: .long, help: "Print one JSON document instead of text.")
    var json = false

    /// Runs `body` with a client for the chosen socket; prints a failure as `gleanerctl: …` on
    /// standard error and exits with its code.
    func withClient(_ body: (ControlClient) throws -> Void) throws {
        let path: String
        if let socket {
            path = socket
        } else {
            do {
                path = try configuredSocketPath(configFile: config)
            } catch {
                throw CommandFailure(message: "\(error)", exitCode: .failure)
            }
        }
        do {
            try body(ControlClient(socketPath: path))
        } catch let error as ControlClientError {
            switch error {
            case .notRunning:
                throw CommandFailure(message: error.description, exitCode: ExitCode(3))
            case .incompatible, .commandFailed, .io:
                throw CommandFailure(message: error.description, exitCode: .failure)
            }
        }
    }
}

/// A failure `gleanerctl` reports in one line and an exit code.
struct CommandFailure: Error {
    var message: String
    var exitCode: ExitCode
}

extension ParsableCommand {
    /// Runs a subcommand's work, turning `CommandFailure` into its message and exit code.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            StandardStreams.error("gleanerctl: \(failure.message)")
            throw failure.exitCode
        }
    }
}
