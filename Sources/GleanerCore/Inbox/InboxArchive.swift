import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why an input is in `.failed/`: the body of `.failed/NAME.reason.json`.
struct InboxFailureReason: Codable, Sendable, Equatable {
    var error: String
    var stage: String
    var time: Date
}

/// The inbox directory and its two archive folders, `.done/` and `.failed/`: creating them,
/// counting what they hold, and moving inputs into them durably without ever overwriting
/// (a taken name gets a suffix `NAME.1`, `NAME.2` …). Holds paths only; the daemon is the
/// only writer of the archive folders, so checking a name and then renaming to it is safe.
struct InboxArchive: Sendable {
    let inbox: String
    var done: String { inbox + "/.done" }
    var failed: String { inbox + "/.failed" }

    init(inbox: String) {
        self.inbox = inbox
    }

    func path(of name: String) -> String { inbox + "/" + name }

    /// Creates the inbox (and its parents) and both archive folders where missing.
    func prepare() throws(SystemError) {
        var prefix = inbox.hasPrefix("/") ? "" : "."
        for component in inbox.split(separator: "/") {
            prefix += "/" + component
            try SystemCall.makeDirectory(prefix, mode: 0o777)
        }
        try SystemCall.makeDirectory(done, mode: 0o777)
        try SystemCall.makeDirectory(failed, mode: 0o777)
        // A reason file whose write a crash interrupted is only its temporary; the input it
        // belonged to is still in the inbox and gets a new one.
        for name in try SystemCall.listDirectory(failed) where DurableFile.isTemporaryName(name) {
            try SystemCall.unlink(failed + "/" + name)
        }
    }

    /// Inputs in `.done/`: every entry that is not hidden.
    func countDone() throws(SystemError) -> Int {
        try SystemCall.listDirectoryValidatingNames(done).names.filter { !$0.hasPrefix(".") }.count
    }

    /// Inputs in `.failed/`, each counted once and not with its reason file. An input whose own
    /// name ends in `.reason.json` is recognised by having a reason file of its own.
    func countFailed() throws(SystemError) -> Int {
        let names = Set(try SystemCall.listDirectoryValidatingNames(failed).names.filter { !$0.hasPrefix(".") })
        return names.filter { name in
            !name.hasSuffix(InboxNames.reasonSuffix) || names.contains(name + InboxNames.reasonSuffix)
        }.count
    }

    /// Moves an ingested input to `.done/` and makes the move durable. Returns the name it got.
    func moveToDone(_ name: String) throws(SystemError) -> String {
        try SystemCall.makeDirectory(done, mode: 0o777)
        let target = try freeName(for: name, in: done, reasonToo: false)
        try SystemCall.rename(path(of: name), to: done + "/" + target)
        try DurableFile.syncDirectory(done)
        try DurableFile.syncDirectory(inbox)
        return target
    }

    /// Deletes an ingested input and makes the deletion durable.
    func delete(_ name: String) throws(SystemError) {
        try SystemCall.unlink(path(of: name))
        try DurableFile.syncDirectory(inbox)
    }

    /// Writes `.failed/TARGET.reason.json` atomically, then moves the input (whatever it is: a
    /// link or a FIFO moves as itself) to `.failed/TARGET`. The reason comes first so a crash
    /// in between leaves the input in the inbox, to fail again, never a reasonless failure.
    func moveToFailed(_ name: String, reason: InboxFailureReason) throws(SystemError) -> String {
        try SystemCall.makeDirectory(failed, mode: 0o777)
        let target = try freeName(for: name, in: failed, reasonToo: true)
        let body: [UInt8]
        do {
            body = Array(try ArticleJSON.encoder(pretty: true).encode(reason)) + [UInt8(ascii: "\n")]
        } catch {
            // Encoding three plain fields cannot fail; should it, say so rather than crash.
            throw SystemError(operation: "encode reason", path: failed + "/" + target, errno: EINVAL)
        }
        try DurableFile.write(body, to: failed + "/" + target + InboxNames.reasonSuffix)
        try SystemCall.rename(path(of: name), to: failed + "/" + target)
        try DurableFile.syncDirectory(failed)
        try DurableFile.syncDirectory(inbox)
        return target
    }

    /// `name`, or `name.1`, `name.2` … whichever is free (with its reason file name, if asked).
    private func freeName(for name: String, in directory: String, reasonToo: Bool) throws(SystemError) -> String {
        var candidate = name
        var number = 0
        while true {
            let taken = try exists(directory + "/" + candidate)
            let reasonTaken = reasonToo ? try exists(directory + "/" + candidate + InboxNames.reasonSuffix) : false
            if !taken && !reasonTaken { return candidate }
            number += 1
            candidate = "\(name).\(number)"
        }
    }

    private func exists(_ path: String) throws(SystemError) -> Bool {
        do {
            _ = try SystemCall.lstat(path)
            return true
        } catch where error.errno == ENOENT {
            return false
        }
    }
}
