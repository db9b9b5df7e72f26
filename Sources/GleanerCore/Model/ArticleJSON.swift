import Foundation

/// The one JSON configuration used for every document Gleaner writes or reads: dates as
/// ISO 8601 in UTC with a `Z` (see `Timestamp`), keys in a stable order, no escaped slashes.
public enum ArticleJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        encoder.outputFormatting = pretty
            ? [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
            : [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text.debugDescription) is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }
}
