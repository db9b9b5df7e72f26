import Foundation

/// The outcome of running one command to completion.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, collecting its output (read before waiting, so a large
/// output cannot fill the pipe and deadlock both sides).
func run(_ program: URL, _ arguments: [String], environment: [String: String]? = nil, stdin: Data? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read stderr on another thread so neither pipe can fill while we drain the other.
    let errData = Handoff<Data>()
    let reader = Thread { errData.put(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errBytes = errData.take()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errBytes, as: UTF8.self))
}
