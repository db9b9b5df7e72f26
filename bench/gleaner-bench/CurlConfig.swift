import Foundation

/// The curl side of the fetch benchmark: a `--config` file with one group per URL (`url`,
/// `output = /dev/null`, the status written to stdout, and in cycle 2 the same validators
/// Gleaner sends), groups separated by `next` so each URL's headers stay its own.
enum CurlConfig {
    static func write(urls: [String], validators: [String: (etag: String?, lastModified: String?)], to path: String) throws {
        var text = ""
        for (index, url) in urls.enumerated() {
            if index > 0 { text += "next\n" }
            // silent and show-error are per group in curl 7.88: `next` resets them.
            text += "url = \(quoted(url))\noutput = \"/dev/null\"\nwrite-out = \"%{http_code}\\n\"\nsilent\nshow-error\n"
            if let etag = validators[url]?.etag { text += "header = \(quoted("If-None-Match: \(etag)"))\n" }
            if let date = validators[url]?.lastModified { text += "header = \(quoted("If-Modified-Since: \(date)"))\n" }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The statuses curl wrote, one a line, counted.
    static func statuses(_ output: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n") { counts[String(line), default: 0] += 1 }
        return counts
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
