import Yams

/// One key a configuration section accepts: its name and how its value is read and stored.
///
/// A section is a list of fields; the list is both the dispatch table and the set of known keys
/// (anything else in the file is an unknown key). Built on demand, never shared across threads.
struct ConfigurationField<Target> {
    let name: String
    let apply: (ConfigurationReader, Node, String, inout Target) -> Void

    /// A key whose value `parse` reads (reporting its own errors) into `keyPath`.
    init<Value>(
        _ name: String, _ keyPath: WritableKeyPath<Target, Value>,
        _ parse: @escaping (ConfigurationReader, Node, String) -> Value?
    ) {
        self.name = name
        self.apply = { reader, node, key, target in
            if let value = parse(reader, node, key) { target[keyPath: keyPath] = value }
        }
    }

    /// A key with its own reading logic (nested sections, lists).
    init(_ name: String, apply: @escaping (ConfigurationReader, Node, String, inout Target) -> Void) {
        self.name = name
        self.apply = apply
    }
}
