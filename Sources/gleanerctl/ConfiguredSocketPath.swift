import Foundation
import Yams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The control socket path the configuration file names (`control:` → `socket:`), a relative
/// path resolved against the file's directory. Reads only that key; the daemon's full loader
/// (GleanerConfiguration) is what validates the rest of the file.
func configuredSocketPath(configFile: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: configFile) else {
        // Foundation drops the errno: ask the system why, for the message.
        let descriptor = open(configFile, O_RDONLY)
        let reason = descriptor == -1 ? String(cString: strerror(errno)) : "unreadable"
        if descriptor != -1 { close(descriptor) }
        throw ConfigurationProblem(file: configFile, detail: "\(reason); give --socket PATH or --config FILE")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw ConfigurationProblem(file: configFile, detail: "not UTF-8 text")
    }
    let document: Any?
    do {
        document = try Yams.load(yaml: text)
    } catch {
        throw ConfigurationProblem(file: configFile, detail: "not valid YAML: \(error)")
    }
    guard let root = document as? [String: Any], let control = root["control"] as? [String: Any],
        let socket = control["socket"] as? String, !socket.isEmpty
    else {
        throw ConfigurationProblem(file: configFile, detail: "it has no control.socket; give --socket PATH")
    }
    if socket.hasPrefix("/") { return socket }
    let directory = URL(fileURLWithPath: configFile).deletingLastPathComponent()
    return directory.appendingPathComponent(socket).standardizedFileURL.path
}

struct ConfigurationProblem: Error, CustomStringConvertible {
    var file: String
    var detail: String
    var description: String { "configuration \(file): \(detail)" }
}
