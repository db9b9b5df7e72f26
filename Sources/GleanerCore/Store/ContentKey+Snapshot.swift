/// How content keys are stored in an index snapshot: a run of them as one raw array of their
/// words, four per key, read where it lies in the mapped file.
extension SnapshotWriter {
    mutating func contentKeys(_ keys: [ContentKey]) {
        var words: [UInt64] = []
        words.reserveCapacity(keys.count * 4)
        for key in keys { words.append(contentsOf: [key.w0, key.w1, key.w2, key.w3]) }
        words.withUnsafeBufferPointer { rawArray($0) }
    }
}

extension SnapshotReader {
    mutating func contentKeys(_ what: String) throws(SnapshotDamage) -> MappedContentKeys {
        let words = try mappedArray(of: UInt64.self, atMost: Int(Int32.max), what)
        guard words.count % 4 == 0 else { throw SnapshotDamage("\(what): \(words.count) words do not make whole keys") }
        return MappedContentKeys(words: words)
    }
}

/// Content keys as they lie in a mapped snapshot.
struct MappedContentKeys: RandomAccessCollection {
    let words: MappedArray<UInt64>

    var startIndex: Int { 0 }
    var endIndex: Int { words.count / 4 }

    subscript(position: Int) -> ContentKey {
        let at = position * 4
        return ContentKey(w0: words[at], w1: words[at + 1], w2: words[at + 2], w3: words[at + 3])
    }
}
