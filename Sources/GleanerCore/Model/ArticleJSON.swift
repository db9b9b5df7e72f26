import Foundation

/// The one JSON configuration used for every document Gleaner writes or reads: dates as
/// ISO 8601 in UTC with a `Z`, keys in a stable order, no escaped slashes.
public enum ArticleJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = pretty
            ? [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            : [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
