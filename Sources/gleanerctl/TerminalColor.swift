import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether `gleanerctl` colours its output: only when standard output is a terminal, so a
/// pipe or a file gets plain text, and never when `NO_COLOR` is set to anything but the empty
/// string (https://no-color.org).
enum TerminalColor {
    static var isWanted: Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
