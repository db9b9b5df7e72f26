import Foundation
import Yams

/// Reading a configuration file: YAML syntax first (one error, since the parser cannot go on),
/// then every key and value, collecting all problems so one `--check-config` run shows them all.
extension GleanerConfiguration {
    /// Reads and checks `file`. Throws every problem found, each with file, line and key.
    public static func load(file: URL) throws(ConfigurationErrors) -> GleanerConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ConfigurationErrors([
                ConfigurationError(file: file.path, line: nil, key: "", message: "cannot read: \(readFailure(error))")
            ])
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw ConfigurationErrors([
                ConfigurationError(file: file.path, line: nil, key: "", message: "cannot read: not UTF-8 text")
            ])
        }
        return try load(yaml: yaml, file: file)
    }

    /// Checks `yaml` as if it were the contents of `file`: `file` names the errors and is the
    /// base of relative paths.
    public static func load(yaml: String, file: URL) throws(ConfigurationErrors) -> GleanerConfiguration {
        let reader = ConfigurationReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationErrors([syntaxError(error, file: file.path)])
        }
        var configuration = GleanerConfiguration()
        if let root {
            reader.readSection(root, at: "", fields: topLevelFields, into: &configuration)
        }
        guard reader.errors.isEmpty else {
            throw ConfigurationErrors(reader.errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return configuration
    }

    private static func syntaxError(_ error: any Error, file: String) -> ConfigurationError {
        guard let yamlError = error as? YamlError else {
            return ConfigurationError(file: file, line: nil, key: "", message: "invalid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) on line \($0.mark.line))" } ?? problem
            return ConfigurationError(file: file, line: mark.line, key: "", message: "invalid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigurationError(
                file: file, line: context.mark.line, key: duplicates.joined(separator: ", "),
                message: "key appears more than once in the same mapping")
        case .reader(let problem, _, _, _):
            return ConfigurationError(file: file, line: nil, key: "", message: "invalid YAML: \(problem)")
        default:
            return ConfigurationError(file: file, line: nil, key: "", message: "invalid YAML: \(yamlError)")
        }
    }

    /// The system's reason (for example "No such file or directory") rather than Foundation's
    /// long sentence.
    private static func readFailure(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return String(cString: strerror(ENOENT))
        }
        return nsError.localizedDescription
    }
}
