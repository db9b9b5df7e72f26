import Foundation

/// One side of a benchmark that works on a corpus (extraction, dedup) run as its own process:
/// the command gets `--out FILE` for its per-item lines and prints a one-line JSON summary on
/// stdout. Returns the decoded summary, the lines, and what the process cost.
struct SideProcess<Summary: Decodable> {
    var summary: Summary
    var lines: [Substring]
    var usage: ChildUsage

    init(_ command: [String], name: String, work: TemporaryDirectory) throws {
        let stem = work.path(name.map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { $0.append($1) })
        let out = stem + ".out"
        let summaryFile = stem + ".summary"
        usage = try ChildProcess(command + ["--out", out], stdoutPath: summaryFile).waitForSuccess()
        summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: summaryFile)))
        lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    }
}
