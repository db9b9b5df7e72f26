import Foundation
import GleanerCore

/// The control socket path the configuration file names, through the daemon's own loader, so
/// gleanerctl and gleanerd can never disagree on a relative path or a default.
func configuredSocketPath(configFile: String) throws -> String {
    try GleanerConfiguration.load(file: URL(fileURLWithPath: configFile)).control.socket.path
}
