#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The index snapshot part of `gleanerctl fsck`: whether the snapshot is usable, and whether
/// what it says of each article agrees with the article's file. A missing or damaged snapshot
/// is not a problem (gleanerd rebuilds the index at its next start, and the report says so);
/// a snapshot that disagrees with a file in a way gleanerd would not notice at start is.
extension StoreCheck {
    /// One readable article file as the check found it.
    struct CheckedFile {
        var summary: ArticleSummary
        var stamp: UInt64
        var versions: Int
    }

    static func checkSnapshot(
        layout: StoreLayout, storeCreated: Double, files: [String: CheckedFile], report: inout Report
    ) -> String {
        let snapshot: StoreIndexSnapshot
        do {
            snapshot = try StoreIndexSnapshot.read(layout.snapshot, storeCreated: storeCreated)
        } catch .missing {
            return "no index snapshot: gleanerd builds the index from the article files at its next start"
        } catch {
            return "\(error): gleanerd rebuilds the index from the article files at its next start"
        }
        // Shards gleanerd would look into at start: new, changed, or too recent to trust.
        var looked: Set<String> = []
        for (name, status) in shardStatuses(layout.articles) {
            let known = snapshot.stamps.shards[name]
            if known == nil || known == StoreFileStamps.unsettled || known != StoreFileStamps.stamp(status) { looked.insert(name) }
        }
        let remedy = "remove \(layout.snapshot) to have gleanerd rebuild the index"
        var changed = 0
        var gone = 0
        var known: Set<String> = []
        for (position, summary) in snapshot.index.summaries.enumerated() {
            known.insert(summary.id)
            let path = layout.file(of: summary.id)
            guard let file = files[summary.id] else {
                gone += 1
                continue
            }
            if file.stamp != snapshot.stamps.articles[position] {
                if looked.contains(String(summary.id.prefix(2))) {
                    changed += 1
                } else {
                    report.problems.append(Problem(
                        path: path, message: "changed since the index snapshot although its directory did not (edited in place?), so gleanerd does not read it again: \(remedy)"))
                }
            } else if file.summary != summary || file.versions != snapshot.index.indexedVersions[position] {
                report.problems.append(Problem(
                    path: path, message: "the index snapshot disagrees with this file although the file did not change since: \(remedy)"))
            }
        }
        var added = 0
        for id in files.keys where !known.contains(id) {
            if looked.contains(String(id.prefix(2))) {
                added += 1
            } else {
                report.problems.append(Problem(
                    path: layout.file(of: id), message: "not in the index snapshot although its directory did not change since it: \(remedy)"))
            }
        }
        let head = "index snapshot of generation \(snapshot.generation), \(snapshot.index.summaries.count) articles"
        if gone > 0 {
            return "\(head): \(gone) of its article files are gone or unreadable, so gleanerd rebuilds the index at its next start"
        }
        if changed + added > 0 {
            return "\(head): \(changed) changed and \(added) new article files are read again at the next start"
        }
        return "\(head): agrees with the article files"
    }

    private static func shardStatuses(_ articles: String) -> [(String, stat)] {
        guard let names = try? SystemCall.listDirectory(articles) else { return [] }
        return names.sorted().compactMap { name in
            guard let status = (try? SystemCall.status(articles + "/" + name)).flatMap({ $0 }),
                status.st_mode & S_IFMT == S_IFDIR
            else { return nil }
            return (name, status)
        }
    }
}
