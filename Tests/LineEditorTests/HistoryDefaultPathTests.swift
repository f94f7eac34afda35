import Foundation
import Testing
@testable import LineEditor

@Suite struct HistoryDefaultPathTests {
    @Test func explicitVariableWinsOverEverything() {
        let path = History.defaultPath(environment: [
            "CSTOQ_HISTORY": "/somewhere/h", "XDG_STATE_HOME": "/nonexistent-state", "HOME": "/home/u",
        ])
        #expect(path == "/somewhere/h")
    }

    @Test func explicitEmptyVariableTurnsHistoryOff() {
        #expect(History.defaultPath(environment: ["CSTOQ_HISTORY": "", "HOME": "/home/u"]) == nil)
    }

    @Test func xdgStateHomeComesNextAndItsFolderIsCreatedPrivate() throws {
        let folder = try TemporaryFolder()
        let state = folder.file("state")
        let path = History.defaultPath(environment: ["XDG_STATE_HOME": state + "/", "HOME": "/home/u"])
        #expect(path == state + "/cstoq/history")
        #expect(try folder.mode(of: "state/cstoq") == 0o700)
        #expect(try folder.mode(of: "state") == 0o700)
    }

    @Test func relativeXDGStateHomeIsIgnored() {
        #expect(History.defaultPath(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/u"]) == "/home/u/.cstoq_history")
    }

    @Test func homeIsTheLastResort() {
        #expect(History.defaultPath(environment: ["HOME": "/home/u/"]) == "/home/u/.cstoq_history")
        #expect(History.defaultPath(environment: ["HOME": "/"]) == "/.cstoq_history")
    }

    @Test func noVariablesMeansNoFile() {
        #expect(History.defaultPath(environment: [:]) == nil)
        #expect(History.defaultPath(environment: ["HOME": ""]) == nil)
    }
}
