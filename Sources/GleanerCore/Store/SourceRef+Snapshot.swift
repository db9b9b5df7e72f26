/// How a `SourceRef` is stored in an index snapshot: its kind as one byte, its name by string
/// number. The kind's byte values are part of the snapshot format: never renumber them.
extension SnapshotWriter {
    mutating func sourceRef(_ source: SourceRef) {
        switch source.kind {
        case .inbox: u8(0)
        case .feed: u8(1)
        case .page: u8(2)
        }
        string(source.name)
    }
}

extension SnapshotReader {
    mutating func sourceRef() throws(SnapshotDamage) -> SourceRef {
        let kind: SourceRef.Kind
        switch try u8() {
        case 0: kind = .inbox
        case 1: kind = .feed
        case 2: kind = .page
        case let other: throw SnapshotDamage("source kind \(other) is not known")
        }
        return SourceRef(kind: kind, name: try string())
    }
}
