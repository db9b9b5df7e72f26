import Foundation
import Logging
import Yams

/// The keys of each configuration section, their types and their allowed ranges. Adding a key
/// means adding one line here (and one to docs/configuration.md).
extension GleanerConfiguration {
    static var topLevelFields: [ConfigurationField<GleanerConfiguration>] {
        [
            section("inbox", \.inbox, Inbox.fields),
            section("store", \.store, Store.fields),
            section("control", \.control, Control.fields),
            section("fetch", \.fetch, Fetch.fields),
            section("dedup", \.dedup, Dedup.fields),
            section("versions", \.versions, Versions.fields),
            section("log", \.log, Log.fields),
            ConfigurationField("sources") { reader, node, key, configuration in
                configuration.sources = SourceConfiguration.readList(node, at: key, reader: reader)
            },
        ]
    }

    private static func section<Section>(
        _ name: String, _ keyPath: WritableKeyPath<GleanerConfiguration, Section>,
        _ fields: [ConfigurationField<Section>]
    ) -> ConfigurationField<GleanerConfiguration> {
        ConfigurationField(name) { reader, node, key, configuration in
            reader.readSection(node, at: key, fields: fields, into: &configuration[keyPath: keyPath])
        }
    }
}

extension GleanerConfiguration.Inbox {
    static var fields: [ConfigurationField<Self>] {
        [
            ConfigurationField("path", \.path) { $0.path($1, $2) },
            ConfigurationField("settle", \.settle) { $0.duration($1, $2, atLeast: .zero) },
            ConfigurationField("maxFileSize", \.maxFileSize) { $0.size($1, $2, in: 1...Int.max) },
            ConfigurationField("afterIngest", \.afterIngest) { $0.choice($1, $2) },
        ]
    }
}

extension GleanerConfiguration.Store {
    static var fields: [ConfigurationField<Self>] {
        [ConfigurationField("path", \.path) { $0.path($1, $2) }]
    }
}

extension GleanerConfiguration.Control {
    static var fields: [ConfigurationField<Self>] {
        [
            ConfigurationField("socket", \.socket) { $0.path($1, $2) },
            ConfigurationField("mode", \.mode) { $0.mode($1, $2) },
        ]
    }
}

extension GleanerConfiguration.Fetch {
    static var fields: [ConfigurationField<Self>] {
        [
            ConfigurationField("userAgent", \.userAgent) { $0.string($1, $2) },
            ConfigurationField("timeout", \.timeout) { $0.duration($1, $2, atLeast: .seconds(1)) },
            ConfigurationField("connectTimeout", \.connectTimeout) { $0.duration($1, $2, atLeast: .seconds(1)) },
            ConfigurationField("maxBodySize", \.maxBodySize) { $0.size($1, $2, in: 1...Int.max) },
            ConfigurationField("concurrency", \.concurrency) { $0.int($1, $2, in: 1...1024) },
            ConfigurationField("perHostConcurrency", \.perHostConcurrency) { $0.int($1, $2, in: 1...64) },
            ConfigurationField("maxRedirects", \.maxRedirects) { $0.int($1, $2, in: 0...50) },
            ConfigurationField("allowPrivateNetworks", \.allowPrivateNetworks) { $0.bool($1, $2) },
            ConfigurationField("followArticleLinks", \.followArticleLinks) { $0.bool($1, $2) },
            ConfigurationField("caFile", \.caFile) { $0.readableFile($1, $2).map(Optional.some) },
        ]
    }
}

extension GleanerConfiguration.Dedup {
    static var fields: [ConfigurationField<Self>] {
        [
            ConfigurationField("nearDuplicate", \.nearDuplicate) {
                $0.double($1, $2, in: 0...1, aboveLower: true)
            }
        ]
    }
}

extension GleanerConfiguration.Versions {
    static var fields: [ConfigurationField<Self>] {
        [ConfigurationField("minChangedWords", \.minChangedWords) { $0.int($1, $2, in: 1...100_000) }]
    }
}

extension GleanerConfiguration.Log {
    static var fields: [ConfigurationField<Self>] {
        [
            ConfigurationField("format", \.format) { $0.choice($1, $2) },
            ConfigurationField("level", \.level) { $0.choice($1, $2) },
        ]
    }
}

extension SourceConfiguration {
    static var fields: [ConfigurationField<Self>] {
        [
            ConfigurationField("name", \.name) { reader, node, key in
                guard let name = reader.string(node, key) else { return nil }
                guard isValidName(name) else {
                    reader.report(
                        node, key,
                        "\"\(name)\" is not a valid source name: use letters, digits, '.', '_' and '-', not starting with '.'"
                    )
                    return nil
                }
                return name
            },
            ConfigurationField("url", \.url) { $0.httpURL($1, $2) },
            ConfigurationField("kind", \.kind) { $0.choice($1, $2) },
            ConfigurationField("every", \.every) { $0.duration($1, $2, atLeast: .seconds(1)) },
        ]
    }

    /// Source names end up in file names and log fields, so they stay plain.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_" || scalar == "-")
            }
    }

    /// The `sources:` list: each entry a mapping with `name` and `url` required; names unique.
    static func readList(_ node: Node, at path: String, reader: ConfigurationReader) -> [SourceConfiguration] {
        if case .scalar = node, node.null != nil { return [] }  // `sources:` with nothing after it
        guard case .sequence(let sequence) = node else {
            reader.report(node, path, "expected a list of sources, found \(reader.describe(node))")
            return []
        }
        var sources: [SourceConfiguration] = []
        var firstLine: [String: Int] = [:]
        for (index, entry) in sequence.enumerated() {
            let key = "\(path)[\(index)]"
            // Placeholder values; a missing name or url is reported, and any report fails the load.
            var source = SourceConfiguration(name: "", url: URL(fileURLWithPath: "/"))
            let present = reader.readSection(entry, at: key, fields: fields, required: ["name", "url"], into: &source)
            guard present.contains("name"), !source.name.isEmpty else { continue }
            if let line = firstLine[source.name] {
                reader.report(entry, "\(key).name", "duplicate source name \"\(source.name)\" (first used on line \(line))")
                continue
            }
            firstLine[source.name] = entry.mark?.line ?? 0
            sources.append(source)
        }
        return sources
    }
}
