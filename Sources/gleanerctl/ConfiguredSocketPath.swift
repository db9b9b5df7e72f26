import Foundation
import Yams

/// The control socket path the configuration file names (`control:` → `socket:`), a relative
/// path resolved against the file's directory. Reads only that key; the daemon's full loader
/// (GleanerConfiguration) is what validates the rest of the file.
func configuredSocketPath(configFile: String) throws -> String {
    let text: String
    do {
        text = try String(contentsOfFile: configFile, encoding: .utf8)
    } catch {
        throw ConfigurationProblem(file: configFile, detail: "cannot read it (\(error.localizedDescription)); give --socket PATH or --config FILE")
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
