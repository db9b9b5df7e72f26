import Foundation
import GleanerControl
import GleanerCore

/// Prints a reply as text or as one JSON document (pretty, keys sorted, dates ISO 8601 Z).
enum Output {
    static func print<Value: Encodable>(_ value: Value, json: Bool, text: (Value) -> String) throws {
        if json {
            try printJSON(value)
        } else {
            let rendered = text(value)
            if !rendered.isEmpty { try StandardStreams.print(rendered) }
        }
    }

    static func printJSON(_ value: some Encodable) throws {
        let data = try ArticleJSON.encoder(pretty: true).encode(value)
        try StandardStreams.write(Array(data) + [UInt8(ascii: "\n")])
    }
}

/// `--since TIME` as the subcommands parse it (see `TimeSpecification`).
enum TimeArgument {
    static let help = "Only articles seen since TIME: 2026-11-23T10:00:00Z, 2026-11-23, or an age like 15m, 2h, 3d."

    static func parse(_ text: String) throws -> Date {
        try TimeSpecification.parse(text)
    }
}
