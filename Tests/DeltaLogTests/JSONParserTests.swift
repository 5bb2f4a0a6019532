import DeltaLog
import Testing

@Suite struct JSONParserTests {
    @Test func parsesAndPreservesOrderAndNumberText() throws {
        let text = #"{"b":1.50,"a":[true,false,null],"c":{"x":"y\n\u00e9\ud83d\ude00"},"d":-12e3}"#
        let value = try JSONParser.parse(text)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["b", "a", "c", "d"])
        #expect(value["b"] == .number("1.50"))
        #expect(value["c"]?["x"] == .string("y\né😀"))
        #expect(JSONWriter.serialize(value) == #"{"b":1.50,"a":[true,false,null],"c":{"x":"y\né😀"},"d":-12e3}"#)
    }

    @Test(arguments: [
        ("{", 1), ("{\"a\":}", 5), ("[1,]", 3), ("\"abc", 4), ("tru", 0), ("{\"a\":1} x", 8), ("01", 1), ("\"\\ud800\"", 7),
        ("\"\\u12G4\"", 5), ("\"\\uZ\"", 3), ("\"\\u12", 1 + 2),
    ])
    func rejectsMalformedInputWithOffset(text: String, offset: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch let error as JSONParseError {
            #expect(error.byteOffset == offset, "\(text): \(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// `validate` (no value built) accepts what `parse` accepts and refuses what it refuses, with the same error.
    @Test(arguments: [
        "{", "{\"a\":}", "[1,]", "\"abc", "tru", "{\"a\":1} x", "01", "\"\\ud800\"", "\"\\ud800\\u0041\"", "\"\\q\"",
        "\"\\u12\"", "\"a\u{01}b\"", "-", "1.", "1e", "[1 2]", "{\"a\" 1}", "{1:2}", "nul", "[]x", "",
        #"{"b":1.50,"a":[true,false,null],"c":{"x":"y\n\u00e9\ud83d\ude00"},"d":-12e3}"#, "  [ ]  ", "\"\\/\\b\\f\\r\\t\"",
        #"{"commitInfo":{"timestamp":1,"operationParameters":{"mode":"Append","partitionBy":"[\"date\"]"}}}"#,
    ])
    func validateAgreesWithParse(_ text: String) {
        let parsed = Result { try JSONParser.parse(text) }
        let checked = Result { try Array(text.utf8).withUnsafeBytes { try JSONParser.validate($0) } }
        switch (parsed, checked) {
        case (.success, .success): break
        case (.failure(let a as JSONParseError), .failure(let b as JSONParseError)): #expect(a == b, "\(text)")
        default: Issue.record("parse \(parsed) vs validate \(checked) for \(text)")
        }
    }

    @Test func validateRefusesDeepNesting() {
        let text = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: JSONParseError.self) { try text.withUnsafeBytes { try JSONParser.validate($0) } }
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }
}
