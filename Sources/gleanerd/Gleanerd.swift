import ArgumentParser
import Foundation
import GleanerCore
import GleanerDaemon
import Logging

/// `gleanerd`: reads the configuration, then runs the daemon in the foreground until SIGTERM.
@main
struct Gleanerd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gleanerd",
        abstract: "Ingest news articles from an inbox folder and from feeds and pages into a versioned JSON store.",
        version: GleanerVersion.current)

    @Option(help: "The configuration file.")
    var config: String = "/etc/gleaner/gleaner.yaml"

    @Option(help: "Watch this inbox directory instead of the configured one.")
    var inbox: String?

    @Option(name: .customLong("state-dir"), help: "Keep the store in this directory instead of the configured one.")
    var stateDir: String?

    @Option(help: "Listen on this control socket instead of the configured one.")
    var socket: String?

    @Flag(name: .customLong("check-config"), help: "Check the configuration, print the result and exit (78 when it is bad).")
    var checkConfig = false

    @Option(name: .customLong("log-format"), help: "logfmt (one line of key=value per event) or json (default: log.format of the configuration).")
    var logFormat: LogFormat?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default: log.level of the configuration).")
    var logLevel: Logger.Level?

    func run() async throws {
        let file = URL(fileURLWithPath: config)
        let overrides = ConfigurationOverrides(
            inbox: inbox.map { URL(fileURLWithPath: $0) }, stateDir: stateDir.map { URL(fileURLWithPath: $0) },
            socket: socket.map { URL(fileURLWithPath: $0) })
        let configuration: GleanerConfiguration
        do {
            configuration = try GleanerConfiguration.load(file: file).applying(overrides)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
        if checkConfig {
            print("configuration OK")
            return
        }
        LoggingSetup.bootstrap(
            format: logFormat ?? configuration.log.format, level: logLevel ?? configuration.log.level,
            environment: ProcessInfo.processInfo.environment)
        let logger = Logger(label: "gleanerd")
        let daemon = Daemon(configFile: file, overrides: overrides, logger: logger, notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment))
        do {
            try await daemon.run(configuration: configuration)
        } catch {
            logger.critical("cannot run", metadata: ["error": "\(error)"])
            throw ExitCode(1)
        }
    }
}

extension LogFormat: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}
