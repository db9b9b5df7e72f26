import Foundation

/// One problem found in a configuration file: where (file, line) and which key, and why.
///
/// Its description is the line `gleanerd --check-config` prints, e.g.
/// `/etc/gleaner/gleaner.yaml:12: inbox.setle: unknown key (did you mean settle?)`.
public struct ConfigurationError: Sendable, Equatable, CustomStringConvertible {
    /// The configuration file's path.
    public var file: String
    /// 1-based line, or nil when the problem is the file as a whole (unreadable, say).
    public var line: Int?
    /// Dotted key path such as `inbox.settle` or `sources[2].url`; empty for the whole file.
    public var key: String
    public var message: String

    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}

/// Every problem found while loading a configuration, in file order: a run of
/// `--check-config` shows them all at once rather than one per attempt.
public struct ConfigurationErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) {
        self.errors = errors
    }

    /// One error per line.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
