import Foundation
import Testing
@testable import GleanerCore

/// Loading whole files: the shipped sample, defaults, relative paths and overrides.
@Suite struct ConfigurationLoadingTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theSampleFileLoadsWithPathsInsideTheCheckout() throws {
        let file = Self.packageRoot.appendingPathComponent("etc/gleaner/gleaner.yaml")
        let configuration = try GleanerConfiguration.load(file: file)
        let root = Self.packageRoot.standardizedFileURL.path
        #expect(configuration.inbox.path.path == root + "/var/inbox")
        #expect(configuration.store.path.path == root + "/var/lib/gleaner")
        #expect(configuration.control.socket.path == root + "/var/run/gleanerd.sock")
        #expect(configuration.control.mode == 0o660)
        #expect(configuration.inbox.settle == .milliseconds(250))
        #expect(configuration.inbox.maxFileSize == 64 * 1024 * 1024)
        #expect(configuration.fetch.maxBodySize == 15 * 1024 * 1024)
        #expect(configuration.sources.isEmpty)
    }

    @Test func theSampleWithItsExampleSourcesUncommentedLoads() throws {
        let file = Self.packageRoot.appendingPathComponent("etc/gleaner/gleaner.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "#  - {", with: "  - {")
        let configuration = try GleanerConfiguration.load(yaml: text, file: file)
        #expect(configuration.sources.map(\.name) == ["example-feed", "example-page"])
        #expect(configuration.sources[1].kind == .page)
        #expect(configuration.sources[1].every == .seconds(3600))
    }

    @Test func anEmptyFileGivesTheDefaults() throws {
        let configuration = try GleanerConfiguration.load(yaml: "", file: URL(fileURLWithPath: "/etc/g.yaml"))
        #expect(configuration == GleanerConfiguration())
        #expect(configuration.inbox.path.path == "/var/lib/gleaner/inbox")
        #expect(configuration.fetch.concurrency == 32)
        #expect(configuration.dedup.nearDuplicate == 0.8)
    }

    @Test func relativePathsResolveAgainstTheFilesDirectory() throws {
        let yaml = """
            inbox: { path: in }
            store: { path: ../state/store }
            control: { socket: /abs/sock }
            """
        let configuration = try GleanerConfiguration.load(yaml: yaml, file: URL(fileURLWithPath: "/srv/conf/g.yaml"))
        #expect(configuration.inbox.path.path == "/srv/conf/in")
        #expect(configuration.store.path.path == "/srv/state/store")
        #expect(configuration.control.socket.path == "/abs/sock")
    }

    @Test func aConfigurationFileNamedRelativelyStillAnchorsItsPaths() throws {
        let file = URL(fileURLWithPath: "conf/g.yaml", relativeTo: URL(fileURLWithPath: "/srv/", isDirectory: true))
        let configuration = try GleanerConfiguration.load(yaml: "inbox: { path: ../in }\n", file: file)
        #expect(configuration.inbox.path.path == "/srv/in")
        #expect(configuration.inbox.path.baseURL == nil)
    }

    @Test func everyKeyIsRead() throws {
        let yaml = """
            inbox: { path: /i, settle: 1s, maxFileSize: 1GiB, afterIngest: delete }
            store: { path: /s }
            control: { socket: /c.sock, mode: "0600" }
            fetch:
              userAgent: test/1
              timeout: 1m
              connectTimeout: 5s
              maxBodySize: 100B
              concurrency: 4
              perHostConcurrency: 1
              maxRedirects: 0
              allowPrivateNetworks: true
              followArticleLinks: false
              caFile: /etc/passwd
            dedup: { nearDuplicate: 1 }
            versions: { minChangedWords: 3 }
            log: { format: json, level: debug }
            sources:
              - name: a
                url: https://a.example/feed
              - { name: b.page, url: "http://b.example/x", kind: page, every: 1h30m }
            """
        let c = try GleanerConfiguration.load(yaml: yaml, file: URL(fileURLWithPath: "/x/g.yaml"))
        #expect(c.inbox == .init(path: URL(fileURLWithPath: "/i"), settle: .seconds(1), maxFileSize: 1 << 30, afterIngest: .delete))
        #expect(c.control.mode == 0o600)
        #expect(c.fetch.userAgent == "test/1")
        #expect(c.fetch.timeout == .seconds(60))
        #expect(c.fetch.connectTimeout == .seconds(5))
        #expect(c.fetch.maxBodySize == 100)
        #expect(c.fetch.concurrency == 4 && c.fetch.perHostConcurrency == 1 && c.fetch.maxRedirects == 0)
        #expect(c.fetch.allowPrivateNetworks && !c.fetch.followArticleLinks)
        // Any regular file this process can read passes the load-time check.
        #expect(c.fetch.caFile == URL(fileURLWithPath: "/etc/passwd"))
        #expect(c.dedup.nearDuplicate == 1)
        #expect(c.versions.minChangedWords == 3)
        #expect(c.log == .init(format: .json, level: .debug))
        #expect(c.sources == [
            SourceConfiguration(name: "a", url: URL(string: "https://a.example/feed")!),
            SourceConfiguration(name: "b.page", url: URL(string: "http://b.example/x")!, kind: .page, every: .seconds(5400)),
        ])
    }

    @Test func commandLineOverridesReplaceOnlyWhatIsGiven() {
        let base = GleanerConfiguration()
        let changed = base.applying(inbox: URL(fileURLWithPath: "/tmp/in"), stateDir: URL(fileURLWithPath: "/tmp/state/"), socket: nil)
        #expect(changed.inbox.path.path == "/tmp/in")
        #expect(changed.store.path.path == "/tmp/state")
        #expect(changed.control.socket == base.control.socket)
        #expect(base.applying(inbox: nil, stateDir: nil, socket: nil) == base)
    }

    @Test func aMissingFileNamesTheFileAndTheCause() {
        let file = URL(fileURLWithPath: "/nonexistent/gleaner.yaml")
        #expect {
            _ = try GleanerConfiguration.load(file: file)
        } throws: { error in
            "\(error)" == "/nonexistent/gleaner.yaml: cannot read: No such file or directory"
        }
    }
}
