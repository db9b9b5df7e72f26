import Foundation

/// Writing to standard output and error, with write errors (a full disk, a closed pipe)
/// reported instead of lost. Unbuffered: each call is one write, so callers pass whole lines.
enum StandardStreams {
    struct WriteFailure: Error, CustomStringConvertible {
        var reason: String
        var description: String { "cannot write to standard output: \(reason)" }
    }

    /// Text and a newline on standard output.
    static func print(_ text: String) throws {
        try write(Array(text.utf8) + [UInt8(ascii: "\n")])
    }

    /// Bytes on standard output.
    static func write(_ bytes: some Collection<UInt8>) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(bytes))
        } catch {
            throw WriteFailure(reason: error.localizedDescription)
        }
    }

    static func error(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }
}
