import Foundation

/// The file that makes a directory a Gleaner store and says which format its files are in.
/// A store in a format this build does not know is refused, never read or rewritten.
struct StoreMarker: Codable, Sendable {
    var format: Int
    var created: Date?

    /// Reads the marker, or writes a new one when the directory has none.
    static func openOrCreate(at path: String, now: Date) throws(StoreError) -> StoreMarker {
        let bytes: [UInt8]
        do {
            guard try SystemCall.status(path) != nil else {
                let marker = StoreMarker(format: Article.currentFormat, created: now)
                let data: Data
                do {
                    data = try ArticleJSON.encoder(pretty: true).encode(marker)
                } catch {
                    throw StoreError(operation: "create store marker", path: path, reason: "\(error)")
                }
                try DurableFile.write(Array(data) + [0x0A], to: path)
                return marker
            }
            bytes = try SystemCall.readFile(path)
        } catch let error as SystemError {
            throw StoreError(operation: "open store", error)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(operation: "open store", path: path, reason: "\(error)")
        }
        let marker: StoreMarker
        do {
            marker = try ArticleJSON.decoder().decode(StoreMarker.self, from: Data(bytes))
        } catch {
            throw StoreError(
                operation: "open store", path: path,
                reason: "the store marker is damaged or not a Gleaner store marker (\(error))")
        }
        guard marker.format == Article.currentFormat else {
            throw StoreError(
                operation: "open store", path: path,
                reason: "store format \(marker.format) is not known to this version of Gleaner (it reads format \(Article.currentFormat))")
        }
        return marker
    }
}
