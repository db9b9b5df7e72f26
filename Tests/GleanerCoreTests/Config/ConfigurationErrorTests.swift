import Foundation
import Testing
@testable import GleanerCore

/// Every kind of mistake is reported with file, line and key, and all of them at once.
@Suite struct ConfigurationErrorTests {
    let file = URL(fileURLWithPath: "/etc/gleaner/gleaner.yaml")

    /// The error lines a text produces (empty when it loads).
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try GleanerConfiguration.load(yaml: yaml, file: file)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func anUnknownKeyIsNamedWithItsLineAndASuggestion() {
        let yaml = """
            inbox:
              path: /in
              setle: 250ms
            """
        #expect(errors(yaml) == ["/etc/gleaner/gleaner.yaml:3: inbox.setle: unknown key (did you mean settle?)"])
    }

    @Test func anUnknownSectionListsTheKnownOnes() {
        let lines = errors("stores: { path: /x }\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("/etc/gleaner/gleaner.yaml:1: stores: unknown key (did you mean store?)") == true)
        #expect(errors("frobnicate: 1\n").first?.contains("known keys: inbox, store, control") == true)
    }

    @Test func allErrorsAreReportedTogetherInFileOrder() {
        let yaml = """
            inbox:
              settle: 5 minutes
              maxFileSize: 12 parsecs
              afterIngest: keep
            control: { mode: "0999" }
            fetch:
              concurrency: 0
              timeout: 10
              allowPrivateNetworks: maybe
              maxRedirects: many
            dedup: { nearDuplicate: 0 }
            versions: { minChangedWords: 0 }
            log: { level: loud }
            """
        let lines = errors(yaml)
        #expect(lines == [
            "/etc/gleaner/gleaner.yaml:2: inbox.settle: expected a duration like 250ms, 30s, 15m, 1h or 2d, found \"5 minutes\"",
            "/etc/gleaner/gleaner.yaml:3: inbox.maxFileSize: expected a size like 15MiB, 64KiB, 1GiB, 100B or a number of bytes, found \"12 parsecs\"",
            "/etc/gleaner/gleaner.yaml:4: inbox.afterIngest: expected one of move, delete, found \"keep\"",
            "/etc/gleaner/gleaner.yaml:5: control.mode: expected an octal mode like \"0660\", found \"0999\"",
            "/etc/gleaner/gleaner.yaml:7: fetch.concurrency: 0 is out of range: must be at least 1",
            "/etc/gleaner/gleaner.yaml:8: fetch.timeout: a duration needs a unit (ms, s, m, h or d), found \"10\"",
            "/etc/gleaner/gleaner.yaml:9: fetch.allowPrivateNetworks: expected true or false, found \"maybe\"",
            "/etc/gleaner/gleaner.yaml:10: fetch.maxRedirects: expected a whole number, found \"many\"",
            "/etc/gleaner/gleaner.yaml:11: dedup.nearDuplicate: 0 is out of range: must be in (0.0, 1.0]",
            "/etc/gleaner/gleaner.yaml:12: versions.minChangedWords: 0 is out of range: must be at least 1",
            "/etc/gleaner/gleaner.yaml:13: log.level: expected one of trace, debug, info, notice, warning, error, critical, found \"loud\"",
        ])
    }

    @Test func aCAFileMustBeAReadableRegularFile() {
        #expect(errors("fetch: { caFile: /nonexistent/ca.pem }\n") == [
            "/etc/gleaner/gleaner.yaml:1: fetch.caFile: cannot use /nonexistent/ca.pem: No such file or directory"
        ])
        #expect(errors("fetch: { caFile: /tmp }\n") == ["/etc/gleaner/gleaner.yaml:1: fetch.caFile: /tmp is not a regular file"])
        #expect(errors("fetch: { caFile: \"\" }\n").count == 1)
    }

    @Test func wrongTypesAreReported() {
        let yaml = """
            inbox: [a, b]
            store:
              path: { nested: true }
            fetch: { userAgent: [x] }
            sources: { name: x }
            """
        #expect(errors(yaml) == [
            "/etc/gleaner/gleaner.yaml:1: inbox: expected a mapping of keys, found a list",
            "/etc/gleaner/gleaner.yaml:3: store.path: expected a path, found a mapping",
            "/etc/gleaner/gleaner.yaml:4: fetch.userAgent: expected a string, found a list",
            "/etc/gleaner/gleaner.yaml:5: sources: expected a list of sources, found a mapping",
        ])
    }

    @Test func sourcesAreCheckedOneByOne() {
        let yaml = """
            sources:
              - { name: a, url: "https://a.example/" }
              - { name: a, url: "https://other.example/" }
              - { name: b, url: "ftp://b.example/feed" }
              - { name: c, url: "file:///etc/passwd" }
              - { name: "../d", url: "https://d.example/" }
              - { url: "https://e.example/" }
              - { name: f, url: "https://f.example/", kind: podcast, every: 0 }
            """
        #expect(errors(yaml) == [
            "/etc/gleaner/gleaner.yaml:3: sources[1].name: duplicate source name \"a\" (first used on line 2)",
            "/etc/gleaner/gleaner.yaml:4: sources[2].url: only http and https URLs can be fetched, found ftp: in \"ftp://b.example/feed\"",
            "/etc/gleaner/gleaner.yaml:5: sources[3].url: only http and https URLs can be fetched, found file: in \"file:///etc/passwd\"",
            "/etc/gleaner/gleaner.yaml:6: sources[4].name: \"../d\" is not a valid source name: use letters, digits, '.', '_' and '-', not starting with '.'",
            "/etc/gleaner/gleaner.yaml:7: sources[5]: missing key name",
            "/etc/gleaner/gleaner.yaml:8: sources[6].kind: expected one of feed, page, found \"podcast\"",
            "/etc/gleaner/gleaner.yaml:8: sources[6].every: 0 is too short: must be at least 1s",
        ])
    }

    @Test func aSyntaxErrorHasALine() {
        let lines = errors("inbox:\n  path: /x\n   settle: [\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("/etc/gleaner/gleaner.yaml:3: invalid YAML: ") == true)
    }

    @Test func aDuplicateKeyIsReported() {
        let lines = errors("inbox:\n  settle: 1s\n  settle: 2s\n")
        #expect(lines == ["/etc/gleaner/gleaner.yaml:2: settle: key appears more than once in the same mapping"])
    }

    @Test func emptyValuesAreReported() {
        #expect(errors("inbox:\n  path:\n") == ["/etc/gleaner/gleaner.yaml:2: inbox.path: expected a path, found nothing"])
    }

    @Test func theTopLevelMustBeAMapping() {
        #expect(errors("- a\n- b\n") == ["/etc/gleaner/gleaner.yaml:1: expected a mapping of keys, found a list"])
    }
}
