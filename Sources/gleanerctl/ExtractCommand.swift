import ArgumentParser
import Foundation
import GleanerCore

/// `gleanerctl extract FILE|- [--url URL]`: what Gleaner makes of one input, printed as a JSON
/// array of articles. Needs no daemon: it runs the daemon's own parser on the bytes, so a user
/// can see, and report, exactly what an inbox drop of this file would store.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Print the articles Gleaner extracts from a file (- for standard input), as JSON.")

    /// Inputs larger than this are refused, as the inbox's default maxFileSize does.
    static let maxInputSize = 64 << 20

    @Argument(help: "The file to read, or - for standard input.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("The address the input came from: resolves relative links.", valueName: "URL"))
    var url: String?

    @Flag(name: .long, help: "Accepted for symmetry with the other commands: the output is always JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            let bytes = try readInput()
            let name = file == "-" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent
            let document = Document(
                name: name, bytes: bytes, source: SourceRef(kind: .inbox, name: name), url: url,
                receivedAt: Date())
            do {
                let drafts = try DocumentParser(maxDecodedSize: Self.maxInputSize).parse(document)
                try Output.printJSON(drafts)
            } catch let error as ParseError {
                throw CommandFailure(message: error.description, exitCode: .failure)
            }
        }
    }

    private func readInput() throws -> [UInt8] {
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                throw CommandFailure(message: "cannot read \(file): \(String(cString: strerror(errno)))", exitCode: .failure)
            }
            handle = opened
        }
        defer { if file != "-" { try? handle.close() } }
        do {
            let data = try handle.read(upToCount: Self.maxInputSize + 1) ?? Data()
            guard data.count <= Self.maxInputSize else {
                throw CommandFailure(message: "\(file) is larger than \(Self.maxInputSize) bytes", exitCode: .failure)
            }
            return Array(data)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "cannot read \(file): \(error.localizedDescription)", exitCode: .failure)
        }
    }
}
