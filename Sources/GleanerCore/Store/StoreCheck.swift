import Foundation

/// A read-only check of a store directory, for `gleanerctl fsck`: the marker and its format,
/// every article document (readable, in the right place, versions numbered in order, each
/// version's content hash matching its text, the top level equal to the current version), canonical
/// URLs held by one article only, source state files, temporary files left by a crash, and
/// whether the index snapshot agrees with the article files (`StoreCheck+Snapshot.swift`).
/// Never writes; safe to run beside a running daemon (it may then see a file mid-rename as
/// missing, never as half written).
public enum StoreCheck {
    public struct Problem: Codable, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    public struct Report: Codable, Sendable, Hashable {
        public var store: String
        public var counts: StoreCounts
        public var sources: Int
        public var problems: [Problem]
        /// What the index snapshot is and whether it agrees with the files, in words.
        public var index: String = ""
        public var isClean: Bool { problems.isEmpty }
    }

    /// Checks the store at `directory`. Throws only when the directory is not a Gleaner store
    /// at all (no marker, or a format this build does not know): everything else is a problem
    /// in the report.
    public static func run(storeDirectory directory: URL) throws(StoreError) -> Report {
        let layout = StoreLayout(root: directory.path)
        let marker = try checkMarker(layout.marker)
        var report = Report(store: directory.path, counts: StoreCounts(), sources: 0, problems: [])
        var urls: [String: String] = [:]
        var files: [String: CheckedFile] = [:]
        for (shard, name) in entries(under: layout.articles, report: &report) {
            let path = layout.articles + "/" + shard + "/" + name
            if DurableFile.isTemporaryName(name) {
                report.problems.append(Problem(path: path, message: "temporary file left by an interrupted write (gleanerd removes it at start)"))
                continue
            }
            guard let id = StoreLayout.id(fromFileName: name) else {
                report.problems.append(Problem(path: path, message: "not an article file name"))
                continue
            }
            let stamp = (try? SystemCall.status(path)).flatMap { $0 }.map(StoreFileStamps.stamp)
            guard let article = readArticle(path, report: &report) else { continue }
            if let stamp { files[id] = CheckedFile(summary: ArticleSummary(article), stamp: stamp, versions: article.versions.count) }
            report.counts.articles += 1
            report.counts.versions += article.versions.count
            report.counts.sightings += article.sightings.count
            for message in inconsistencies(of: article, id: id, shard: shard) {
                report.problems.append(Problem(path: path, message: message))
            }
            if let url = article.url {
                if let other = urls[url] {
                    report.problems.append(Problem(path: path, message: "canonical URL \(url) is also article \(other)'s"))
                } else {
                    urls[url] = article.id
                }
            }
        }
        report.sources = checkSources(in: directory.appendingPathComponent("sources").path, report: &report)
        report.index = checkSnapshot(layout: layout, storeCreated: StoreIndexSnapshot.identity(of: marker), files: files, report: &report)
        return report
    }

    private static func checkMarker(_ path: String) throws(StoreError) -> StoreMarker {
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            throw StoreError(operation: "check store", path: path, reason: "not a Gleaner store: \(error.reason)")
        }
        guard let marker = try? ArticleJSON.decoder().decode(StoreMarker.self, from: Data(bytes)) else {
            throw StoreError(operation: "check store", path: path, reason: "the store marker is damaged")
        }
        guard marker.format == Article.currentFormat else {
            throw StoreError(
                operation: "check store", path: path,
                reason: "store format \(marker.format) is not known to this version of Gleaner (it reads format \(Article.currentFormat))")
        }
        return marker
    }

    /// (shard, file name) of everything in the shard directories, in a stable order.
    private static func entries(under articles: String, report: inout Report) -> [(String, String)] {
        guard let shards = try? SystemCall.listDirectory(articles) else { return [] }
        var result: [(String, String)] = []
        for shard in shards.sorted() {
            let path = articles + "/" + shard
            do {
                result += try SystemCall.listDirectory(path).sorted().map { (shard, $0) }
            } catch {
                report.problems.append(Problem(path: path, message: "cannot list: \(error.reason)"))
            }
        }
        return result
    }

    private static func readArticle(_ path: String, report: inout Report) -> Article? {
        do {
            return try ArticleJSON.decoder().decode(Article.self, from: Data(try SystemCall.readFile(path)))
        } catch let error as SystemError {
            report.problems.append(Problem(path: path, message: "unreadable: \(error.reason)"))
        } catch {
            report.problems.append(Problem(path: path, message: "not a valid article document: \(error)"))
        }
        return nil
    }

    /// What is wrong inside one article document, in words.
    static func inconsistencies(of article: Article, id: String, shard: String) -> [String] {
        var messages: [String] = []
        if article.id != id { messages.append("holds article \(article.id), not \(id)") }
        if !id.hasPrefix(shard) { messages.append("is in shard \(shard), not \(id.prefix(2))") }
        let numbers = article.versions.map(\.version)
        if numbers.isEmpty || numbers != (1...numbers.count).map({ $0 }) {
            messages.append("versions are numbered \(numbers), not 1 to \(numbers.count)")
        }
        if !article.versions.isEmpty {
            if let current = article.versions.first(where: { $0.version == article.version }) {
                if article.articleBody != current.articleBody { messages.append("the top-level articleBody differs from version \(current.version)'s") }
            } else {
                messages.append("current version \(article.version) is not among its versions")
            }
        }
        for version in article.versions {
            var draft = ArticleDraft(articleBody: version.articleBody)
            draft.headline = version.headline
            let hash = PreparedDraft(draft).contentHash
            if hash != version.contentHash { messages.append("version \(version.version)'s contentHash does not match its text") }
        }
        if article.firstSeen > article.lastSeen { messages.append("firstSeen is after lastSeen") }
        return messages
    }

    private static func checkSources(in directory: String, report: inout Report) -> Int {
        guard let names = try? SystemCall.listDirectory(directory) else { return 0 }
        var count = 0
        for name in names.sorted() {
            let path = directory + "/" + name
            if DurableFile.isTemporaryName(name) {
                report.problems.append(Problem(path: path, message: "temporary file left by an interrupted write (gleanerd removes it at start)"))
                continue
            }
            guard name.hasSuffix(".json") else { continue }
            do {
                let record = try ArticleJSON.decoder().decode(SourceStateRecord.self, from: Data(try SystemCall.readFile(path)))
                if record.format != SourceStateRecord.currentFormat {
                    report.problems.append(Problem(path: path, message: "source state format \(record.format) is not known to this version of Gleaner"))
                } else {
                    count += 1
                }
            } catch {
                report.problems.append(Problem(path: path, message: "not a valid source state file: \(error)"))
            }
        }
        return count
    }
}
