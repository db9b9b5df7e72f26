import Foundation

/// Writes finished log lines to a file descriptor (stderr by default) with one `write(2)` per
/// line, so lines from concurrent tasks never interleave (writes to a pipe up to PIPE_BUF bytes
/// are atomic; the journal's stream socket gets whole lines too).
///
/// Holds only the descriptor number, which it does not own or close.
public struct LogLineWriter: Sendable {
    public let fileDescriptor: Int32

    public init(fileDescriptor: Int32 = STDERR_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes `line` (newline included). Retries EINTR and finishes a short write; a failing
    /// stderr has nowhere to be reported, so other errors drop the line.
    public func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
