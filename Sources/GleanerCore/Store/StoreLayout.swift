/// Where things are in a store directory (docs/store.md):
/// ```
/// <dir>/gleaner-store.json          {"format": 1, "created": "…Z"}
/// <dir>/articles/<2 hex>/<id>.json  one article document each, pretty JSON
/// <dir>/index/snapshot              the in-memory index, saved (`StoreIndexSnapshot`)
/// ```
/// Sharding by the id's first two characters keeps directories small. Immutable value.
struct StoreLayout: Sendable {
    static let markerName = "gleaner-store.json"
    static let articlesName = "articles"
    static let indexName = "index"

    let root: String

    var marker: String { root + "/" + Self.markerName }
    var articles: String { root + "/" + Self.articlesName }
    var indexDirectory: String { root + "/" + Self.indexName }
    var snapshot: String { indexDirectory + "/snapshot" }

    func shard(of id: String) -> String {
        articles + "/" + String(id.prefix(2))
    }

    func file(of id: String) -> String {
        shard(of: id) + "/" + id + ".json"
    }

    /// The id a stored file name stands for, or nil when the name is not an article file.
    static func id(fromFileName name: String) -> String? {
        guard name.hasSuffix(".json"), !name.hasPrefix(".") else { return nil }
        let id = String(name.dropLast(5))
        return isValidID(id) ? id : nil
    }

    /// Ids are lower-case hex; anything else cannot name a file in the store.
    static func isValidID(_ id: String) -> Bool {
        id.count >= 2 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
