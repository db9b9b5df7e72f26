import Foundation
import Yams

/// Walks a composed YAML tree and turns its scalars into typed values, recording every problem
/// (with file, line and key path) instead of stopping at the first.
///
/// Owns the list of errors found so far; it lives for one `load` call on one thread, so it is a
/// plain class and not `Sendable`.
final class ConfigurationReader {
    let file: String
    /// Relative paths in the file resolve against this directory.
    let baseDirectory: URL
    private(set) var errors: [ConfigurationError] = []

    init(file: URL) {
        self.file = file.path
        self.baseDirectory = file.deletingLastPathComponent()
    }

    func report(_ node: Node?, _ key: String, _ message: String) {
        errors.append(ConfigurationError(file: file, line: node?.mark?.line, key: key, message: message))
    }

    func report(line: Int?, _ key: String, _ message: String) {
        errors.append(ConfigurationError(file: file, line: line, key: key, message: message))
    }

    /// Applies `fields` to the pairs of the mapping `node` at `path`. Unknown keys, non-string keys
    /// and missing `required` keys are reported. Returns the names of the keys present.
    @discardableResult
    func readSection<Target>(
        _ node: Node, at path: String, fields: [ConfigurationField<Target>], required: [String] = [],
        into target: inout Target
    ) -> Set<String> {
        if case .scalar = node, node.null != nil, required.isEmpty { return [] }  // `inbox:` alone
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping of keys, found \(describe(node))")
            return []
        }
        var present = Set<String>()
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(keyNode, path, "keys must be plain names, found \(describe(keyNode))")
                continue
            }
            let name = scalar.string
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            guard let field = fields.first(where: { $0.name == name }) else {
                report(keyNode, keyPath, unknownKeyMessage(name, known: fields.map(\.name)))
                continue
            }
            present.insert(name)
            field.apply(self, value, keyPath, &target)
        }
        for name in required where !present.contains(name) {
            report(node, path, "missing key \(name)")
        }
        return present
    }

    private func unknownKeyMessage(_ name: String, known: [String]) -> String {
        let lowered = name.lowercased()
        let close = known.filter { candidate in
            let distance = EditDistance.between(lowered, candidate.lowercased())
            return distance <= max(1, candidate.count / 4)
        }
        guard let suggestion = close.first else {
            return "unknown key (known keys: \(known.joined(separator: ", ")))"
        }
        return "unknown key (did you mean \(suggestion)?)"
    }

    // MARK: Scalars

    /// The text of a scalar value; reports a mapping, a sequence or an empty value.
    func text(_ node: Node, _ key: String, expecting what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, key, "expected \(what), found \(describe(node))")
            return nil
        }
        guard !scalar.string.isEmpty, node.null == nil else {
            report(node, key, "expected \(what), found nothing")
            return nil
        }
        return scalar.string
    }

    func string(_ node: Node, _ key: String) -> String? {
        text(node, key, expecting: "a string")
    }

    func bool(_ node: Node, _ key: String) -> Bool? {
        guard let text = text(node, key, expecting: "true or false") else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "on", "On": return true
        case "false", "False", "FALSE", "no", "No", "off", "Off": return false
        default:
            report(node, key, "expected true or false, found \"\(text)\"")
            return nil
        }
    }

    func int(_ node: Node, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(node, key, expecting: "a whole number") else { return nil }
        guard let value = Int(text) else {
            report(node, key, "expected a whole number, found \"\(text)\"")
            return nil
        }
        return checked(value, in: range, node, key)
    }

    /// A number in `range`, open at the bottom when `aboveLower` is set: (0, 1] for similarities.
    func double(_ node: Node, _ key: String, in range: ClosedRange<Double>, aboveLower: Bool) -> Double? {
        guard let text = text(node, key, expecting: "a number") else { return nil }
        guard let value = Double(text), value.isFinite else {
            report(node, key, "expected a number, found \"\(text)\"")
            return nil
        }
        guard range.contains(value), !(aboveLower && value == range.lowerBound) else {
            let lower = aboveLower ? "(\(range.lowerBound)" : "[\(range.lowerBound)"
            report(node, key, "\(text) is out of range: must be in \(lower), \(range.upperBound)]")
            return nil
        }
        return value
    }

    func duration(_ node: Node, _ key: String, atLeast minimum: Duration) -> Duration? {
        guard let text = text(node, key, expecting: "a duration") else { return nil }
        switch ConfigurationValues.duration(text) {
        case .failure(let problem):
            report(node, key, problem.message)
            return nil
        case .success(let value) where value < minimum:
            let floor = minimum == .zero ? "0" : "\(minimum.components.seconds)s"
            report(node, key, "\(text) is too short: must be at least \(floor)")
            return nil
        case .success(let value):
            return value
        }
    }

    func size(_ node: Node, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(node, key, expecting: "a size") else { return nil }
        switch ConfigurationValues.size(text) {
        case .failure(let problem):
            report(node, key, problem.message)
            return nil
        case .success(let value):
            return checked(value, in: range, node, key)
        }
    }

    func mode(_ node: Node, _ key: String) -> mode_t? {
        guard let text = text(node, key, expecting: "an octal mode") else { return nil }
        switch ConfigurationValues.mode(text) {
        case .failure(let problem):
            report(node, key, problem.message)
            return nil
        case .success(let value):
            return mode_t(value)
        }
    }

    /// A file-system path; relative ones resolve against the configuration file's directory.
    func path(_ node: Node, _ key: String) -> URL? {
        guard let text = text(node, key, expecting: "a path") else { return nil }
        guard !text.contains("\0") else {
            report(node, key, "a path cannot contain a NUL byte")
            return nil
        }
        return URL(fileURLWithPath: text, relativeTo: baseDirectory).standardizedFileURL.absoluteURL
    }

    /// A path to a regular file this process can read now, so a typo is an error at load time
    /// rather than a failed fetch hours later.
    func readableFile(_ node: Node, _ key: String) -> URL? {
        guard let url = path(node, key) else { return nil }
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            report(node, key, "cannot use \(url.path): \(String(cString: strerror(errno)))")
            return nil
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            report(node, key, "\(url.path) is not a regular file")
            return nil
        }
        guard access(url.path, R_OK) == 0 else {
            report(node, key, "cannot read \(url.path): \(String(cString: strerror(errno)))")
            return nil
        }
        return url
    }

    /// An absolute http or https URL with a host.
    func httpURL(_ node: Node, _ key: String) -> URL? {
        guard let text = text(node, key, expecting: "a URL") else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            report(node, key, "\"\(text)\" is not a URL")
            return nil
        }
        guard scheme == "http" || scheme == "https" else {
            report(node, key, "only http and https URLs can be fetched, found \(scheme): in \"\(text)\"")
            return nil
        }
        guard let host = url.host, !host.isEmpty else {
            report(node, key, "\"\(text)\" has no host")
            return nil
        }
        return url
    }

    /// One of a closed set of words, e.g. `move` or `delete`.
    func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, _ key: String) -> Value?
    where Value.RawValue == String {
        let words = Value.allCases.map(\.rawValue)
        guard let text = text(node, key, expecting: "one of \(words.joined(separator: ", "))") else { return nil }
        guard let value = Value(rawValue: text) else {
            report(node, key, "expected one of \(words.joined(separator: ", ")), found \"\(text)\"")
            return nil
        }
        return value
    }

    private func checked(_ value: Int, in range: ClosedRange<Int>, _ node: Node, _ key: String) -> Int? {
        guard range.contains(value) else {
            let bound = value < range.lowerBound ? "at least \(range.lowerBound)" : "at most \(range.upperBound)"
            report(node, key, "\(value) is out of range: must be \(bound)")
            return nil
        }
        return value
    }

    /// "a mapping", "a sequence", "\"text\"": what the reader found, for messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "\"\(scalar.string)\""
        case .alias: return "an alias"
        }
    }
}
