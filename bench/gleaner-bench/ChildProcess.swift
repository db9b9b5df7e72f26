import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a finished child cost, from `wait4`: wall time from spawn to exit, its own user and
/// system CPU time and its peak resident set. Foundation's `Process` hides the rusage, which is
/// why the benchmark spawns with `posix_spawn` itself.
struct ChildUsage: Sendable {
    var exitStatus: Int32
    var wall: Duration
    var userSeconds: Double
    var systemSeconds: Double
    /// `ru_maxrss`: kibibytes on Linux.
    var peakRSSKiB: Int

    var cpuSeconds: Double { userSeconds + systemSeconds }
    var wallSeconds: Double { Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18 }
}

/// A process the benchmark started with `posix_spawnp`, optionally with pipes on its stdin and
/// stdout. Owns its pid until `wait()` or `terminate()` reaps it, and the parent's pipe ends.
final class ChildProcess {
    let pid: pid_t
    let command: String
    private let started: ContinuousClock.Instant
    /// The parent's write end of the child's stdin, when piped; closing it tells a `serve`
    /// child to stop.
    private(set) var input: Int32?
    /// The parent's read end of the child's stdout, when piped.
    let output: LineReader?
    private var reaped = false
    /// Where time(1) writes the child's peak RSS in KiB, when the child runs under it.
    private var peakReport: String?

    static let peakMeter: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    /// Starts `arguments[0]` (searched in PATH) with the parent's environment. `stdoutPath`
    /// and `stderrPath` send the child's output to those files instead of a pipe or the
    /// parent's streams.
    ///
    /// A child that is not piped runs under GNU time(1) when it is installed (unless `direct`:
    /// a child whose /proc entry the caller reads must be the process itself), which reports the
    /// child's own peak RSS: `ru_maxrss` from `wait4` is at least the parent's resident size at
    /// the spawn (Linux carries the old memory's high-water mark across exec), so a benchmark
    /// parent holding a corpus would inflate every child it measures.
    init(
        _ arguments: [String], pipeInput: Bool = false, pipeOutput: Bool = false, stdoutPath: String? = nil,
        stderrPath: String? = nil, direct: Bool = false
    ) throws {
        command = arguments.joined(separator: " ")
        var arguments = arguments
        if !pipeInput, !pipeOutput, !direct, let meter = Self.peakMeter {
            let report = NSTemporaryDirectory() + "/gleaner-bench-peak-\(UUID().uuidString)"
            arguments = [meter, "-f", "%M", "-o", report] + arguments
            peakReport = report
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        if pipeInput {
            guard makePipe(&inPipe) else { throw BenchError("pipe for \(command): \(String(cString: strerror(errno)))") }
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        }
        if pipeOutput {
            guard makePipe(&outPipe) else { throw BenchError("pipe for \(command): \(String(cString: strerror(errno)))") }
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        } else if let stdoutPath {
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        if let stderrPath {
            posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let result = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        if pipeInput { close(inPipe[0]) }
        if pipeOutput { close(outPipe[1]) }
        guard result == 0 else {
            if pipeInput { close(inPipe[1]) }
            if pipeOutput { close(outPipe[0]) }
            throw BenchError("posix_spawn \(arguments[0]): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        self.started = start
        self.input = pipeInput ? inPipe[1] : nil
        self.output = pipeOutput ? LineReader(descriptor: outPipe[0]) : nil
    }

    deinit {
        terminate()
        if let input { close(input) }
        output?.close()
    }

    /// Writes one line to the child's stdin.
    func send(_ line: String) throws {
        guard let input else { throw BenchError("\(command): stdin is not piped") }
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, bytes.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError("write to \(command): \(String(cString: strerror(errno)))")
            }
            offset += count
        }
    }

    /// Closes the child's stdin (end of file for it).
    func closeInput() {
        if let input { close(input) }
        input = nil
    }

    /// Waits for the child to exit and returns what it cost.
    func wait() throws -> ChildUsage {
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let result = wait4(pid, &status, 0, &usage)
            if result == pid { break }
            if result < 0 && errno == EINTR { continue }
            throw BenchError("wait4 \(command): \(String(cString: strerror(errno)))")
        }
        reaped = true
        let wall = ContinuousClock.now - started
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        var peak = Int(usage.ru_maxrss)
        if let peakReport {
            // The last line is the figure; a line before it says when the child was killed.
            let text = (try? String(contentsOfFile: peakReport, encoding: .utf8)) ?? ""
            if let measured = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) { peak = measured }
            try? FileManager.default.removeItem(atPath: peakReport)
        }
        return ChildUsage(
            exitStatus: exitStatus, wall: wall,
            userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
            peakRSSKiB: peak)
    }

    /// Waits for a child that must succeed; a non-zero exit is an error naming the command.
    func waitForSuccess() throws -> ChildUsage {
        let usage = try wait()
        guard usage.exitStatus == 0 else { throw BenchError("\(command) exited with status \(usage.exitStatus)") }
        return usage
    }

    /// SIGTERM, then SIGKILL after two seconds, and reaps the child. Safe to call twice.
    func terminate() {
        guard !reaped else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(2)
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                reaped = true
                return
            }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
    }
}

/// pipe(2) with both ends close-on-exec (glibc's pipe2 is not imported into Swift), so a
/// later child never inherits the parent's end of another child's pipe.
private func makePipe(_ ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
}

/// Reads a pipe line by line, with a deadline, so a child that never answers cannot hang the
/// benchmark. Owns the descriptor.
final class LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its newline; nil at end of file.
    func readLine(timeout: Duration) throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw BenchError("no answer from a child process within \(timeout)") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let millis = Int32(min(1000, max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            let ready = poll(&poller, 1, millis)
            if ready < 0 && errno != EINTR { throw BenchError("poll: \(String(cString: strerror(errno)))") }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError("read: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                guard !buffer.isEmpty else { return nil }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer = []
                return line
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
    }
}

/// A benchmark step failed: the message names the step and the cause.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
