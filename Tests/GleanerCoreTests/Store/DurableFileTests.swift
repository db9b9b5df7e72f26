import Foundation
import Testing
@testable import GleanerCore

@Suite struct DurableFileTests {
    @Test func writeReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let path = directory.path + "/data.json"
        try DurableFile.write(Array("first".utf8), to: path)
        try DurableFile.write(Array("second".utf8), to: path)
        #expect(try SystemCall.readFile(path) == Array("second".utf8))
        #expect(try SystemCall.listDirectory(directory.path) == ["data.json"])
    }

    @Test func temporaryNamesAreRecognised() {
        #expect(DurableFile.isTemporaryName(".abc.json.0123456789abcdef.tmp"))
        #expect(!DurableFile.isTemporaryName("abc.json"))
        #expect(!DurableFile.isTemporaryName(".hidden"))
        #expect(!DurableFile.isTemporaryName(".someone-elses-notes-for-later.tmp"))
        #expect(!DurableFile.isTemporaryName(".0123456789abcdef.tmp"))
    }

    @Test func aFailureNamesTheOperationThePathAndTheErrno() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let missing = directory.path + "/no/such/dir/file.json"
        do {
            try DurableFile.write([1, 2, 3], to: missing)
            Issue.record("wrote into a missing directory")
        } catch {
            #expect(error.operation == "open")
            #expect(error.errno == ENOENT)
            #expect(error.path?.hasPrefix(directory.path + "/no/such/dir/.file.json.") == true)
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @Test func makeDirectoriesCreatesParentsAndAcceptsAnExistingOne() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let nested = directory.path + "/a/b/c"
        try DurableFile.makeDirectories(nested)
        try DurableFile.makeDirectories(nested)
        #expect(try SystemCall.isDirectory(nested))
        #expect(try SystemCall.makeDirectory(nested) == false)
    }
}
