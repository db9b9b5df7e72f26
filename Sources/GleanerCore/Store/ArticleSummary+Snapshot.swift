import Foundation

/// How one `ArticleSummary` is stored in an index snapshot: id, headline and URL by string
/// number, version and sightings as 32-bit counts, the dates as the bit patterns of their
/// seconds since 1970 (so they come back exactly), a flag byte for `lastChanged`, and the
/// sources in order.
extension SnapshotWriter {
    mutating func summary(_ summary: ArticleSummary) {
        string(summary.id)
        optionalString(summary.headline)
        optionalString(summary.url)
        int32(summary.version)
        int32(summary.sightings)
        f64(summary.firstSeen.timeIntervalSince1970)
        f64(summary.lastSeen.timeIntervalSince1970)
        if let lastChanged = summary.lastChanged {
            u8(1)
            f64(lastChanged.timeIntervalSince1970)
        } else {
            u8(0)
        }
        int32(summary.sources.count)
        for source in summary.sources { sourceRef(source) }
    }
}

extension SnapshotReader {
    mutating func summary() throws(SnapshotDamage) -> ArticleSummary {
        let id = try string()
        let headline = try optionalString()
        let url = try optionalString()
        let version = Int(try i32())
        let sightings = try count(atMost: Int(Int32.max), "sighting count")
        let firstSeen = Date(timeIntervalSince1970: try f64())
        let lastSeen = Date(timeIntervalSince1970: try f64())
        let lastChanged: Date?
        switch try u8() {
        case 0: lastChanged = nil
        case 1: lastChanged = Date(timeIntervalSince1970: try f64())
        case let other: throw SnapshotDamage("lastChanged flag \(other) of article \(id) is neither 0 nor 1")
        }
        let sourceCount = try count(atMost: 1 << 20, "source count")
        var sources: [SourceRef] = []
        sources.reserveCapacity(sourceCount)
        for _ in 0..<sourceCount { sources.append(try sourceRef()) }
        return ArticleSummary(
            id: id, headline: headline, url: url, version: version, sightings: sightings, firstSeen: firstSeen,
            lastSeen: lastSeen, sources: sources, lastChanged: lastChanged)
    }
}
