import Foundation

/// Where the built `gleanerd` and `gleanerctl` are: `$GLEANER_BIN_DIR`, else the package's
/// `.build/debug` (the Makefile builds every product before it runs the tests).
enum Binaries {
    static let directory: URL = {
        if let dir = ProcessInfo.processInfo.environment["GLEANER_BIN_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        return packageRoot.appendingPathComponent(".build/debug")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var gleanerd: URL { directory.appendingPathComponent("gleanerd") }
    static var gleanerctl: URL { directory.appendingPathComponent("gleanerctl") }

    /// The shared test corpus beside the project, or nil (tests that need it then skip).
    static var corpus: URL? {
        let dir = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
    }
}
