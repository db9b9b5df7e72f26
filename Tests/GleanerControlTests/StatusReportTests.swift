import Foundation
import GleanerControl
import GleanerCore
import Testing

@Suite("Status report")
struct StatusReportTests {
    @Test("its JSON has the documented keys")
    func jsonKeys() throws {
        let data = try ArticleJSON.encoder().encode(ControlFixtures.status)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["articles"] as? Int == 12)
        #expect(object["versions"] as? Int == 15)
        #expect(object["sightings"] as? Int == 3)
        #expect(object["version"] as? String == "0.1.0")
        #expect(object["pid"] as? Int == 4242)
        #expect(object["uptimeSeconds"] as? Int == 93_784)
        #expect(object["storePath"] as? String == "/var/lib/gleaner")
        #expect(object["curlVersion"] as? String == "libcurl/8.5.0")
        let inbox = try #require(object["inbox"] as? [String: Any])
        #expect(inbox["pending"] as? Int == 1)
        #expect(inbox["done"] as? Int == 10)
        #expect(inbox["failed"] as? Int == 2)
        let sources = try #require(object["sources"] as? [String: Any])
        #expect(sources["total"] as? Int == 3)
        #expect(sources["ok"] as? Int == 2)
        #expect(sources["failing"] as? Int == 1)
        #expect(sources["nextDue"] as? String == "2026-11-18T11:21:40Z")
        let errors = try #require(object["lastErrors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["time"] as? String == "2026-11-18T11:06:40Z")
        #expect(errors.first?["input"] as? String == "broken.html")
        #expect(errors.first?["stage"] as? String == "parse")
        #expect(errors.first?["error"] as? String == "no article text found")
        let index = try #require(object["index"] as? [String: Any])
        #expect(index["from"] as? String == "snapshot")
        #expect(index["detail"] as? String == "snapshot of generation 7, 2 changed article files read again")
        #expect(index["loadSeconds"] as? Double == 0.25)
    }

    @Test("a report from a daemon that does not say where its index came from still decodes")
    func withoutIndex() throws {
        var report = ControlFixtures.status
        report.index = nil
        let data = try ArticleJSON.encoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["index"] == nil)
        #expect(try ArticleJSON.decoder().decode(StatusReport.self, from: data) == report)
    }

    @Test("it round-trips")
    func roundTrip() throws {
        let data = try ArticleJSON.encoder().encode(ControlFixtures.status)
        #expect(try ArticleJSON.decoder().decode(StatusReport.self, from: data) == ControlFixtures.status)
    }

    @Test("its text has aligned key: value lines and the last errors")
    func text() {
        let lines = ControlFixtures.status.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("       articles: 12"))
        #expect(lines.contains("       versions: 15"))
        #expect(lines.contains("  inbox pending: 1"))
        #expect(lines.contains("sources failing: 1"))
        #expect(lines.contains("         uptime: 1d 2h 3m 4s"))
        #expect(lines.contains("       next due: 2026-11-18T11:21:40Z"))
        #expect(lines.contains("          index: snapshot of generation 7, 2 changed article files read again, in 0.25 s"))
        #expect(lines.contains("last errors:"))
        #expect(lines.contains("  2026-11-18T11:06:40Z  broken.html  parse: no article text found"))
        let colons = lines.prefix(16).map { line in line.firstIndex(of: ":").map { line.distance(from: line.startIndex, to: $0) } }
        #expect(Set(colons).count == 1, "the keys are right-aligned")
    }
}
