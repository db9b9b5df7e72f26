import Logging

/// The one place that bootstraps swift-log for the process. Only the gleanerd executable calls
/// it (once, at start); libraries and services just take a `Logger`.
public enum LoggingSetup {
    /// Whether stderr goes to the journal: systemd sets `JOURNAL_STREAM` for services whose
    /// output it connects to journald.
    public static func isJournald(environment: [String: String]) -> Bool {
        environment["JOURNAL_STREAM"].map { !$0.isEmpty } ?? false
    }

    /// Installs `GleanerLogHandler` on stderr as every logger's handler.
    public static func bootstrap(format: LogFormat, level: Logger.Level, environment: [String: String]) {
        let formatter = LogLineFormatter(format: format, journald: isJournald(environment: environment))
        LoggingSystem.bootstrap { label in
            GleanerLogHandler(label: label, formatter: formatter, level: level)
        }
    }
}
