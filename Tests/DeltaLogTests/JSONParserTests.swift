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

    @Test func deepNestingIsRefusedNotCrashing() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }
}
