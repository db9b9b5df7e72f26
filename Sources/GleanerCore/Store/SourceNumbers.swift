/// The sources the store index has seen, each given a number in the order it first came, so
/// that a delivery is two numbers and a content key rather than a source name to hash and count
/// references to. A store has as many sources as feeds, pages and inboxes it was ever given:
/// a few thousand at most, against millions of deliveries. A value owned by `StoreIndex`.
struct SourceNumbers: Equatable {
    private(set) var sources: [SourceRef] = []
    private var numbers: [SourceRef: Int32] = [:]

    init() {}

    /// A table read back from a snapshot, numbered in the order given.
    init(_ sources: [SourceRef]) throws(SnapshotDamage) {
        for source in sources {
            guard numbers.updateValue(Int32(self.sources.count), forKey: source) == nil else {
                throw SnapshotDamage("source \(source.kind.rawValue) \(source.name) is numbered twice")
            }
            self.sources.append(source)
        }
    }

    var count: Int { sources.count }

    func number(of source: SourceRef) -> Int32? { numbers[source] }

    func source(_ number: Int32) -> SourceRef { sources[Int(number)] }

    /// The number of `source`, given one if it is new.
    mutating func numbering(_ source: SourceRef) -> Int32 {
        if let known = numbers[source] { return known }
        let number = Int32(sources.count)
        numbers[source] = number
        sources.append(source)
        return number
    }

    static func == (a: SourceNumbers, b: SourceNumbers) -> Bool { a.sources == b.sources }
}
