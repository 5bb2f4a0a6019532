import Testing
@testable import CSVIngest

/// Reads every record of `bytes` with the given buffer and read-chunk sizes.
func tokenize(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), bufferSize: Int = 1 << 16,
              chunk: Int = .max, expected: Int? = nil) throws -> [[String]] {
    let tokenizer = CSVTokenizer(source: MemoryByteSource(bytes, name: "t.csv", chunk: chunk),
                                 dialect: CSVDialect(delimiter: delimiter), bufferSize: bufferSize)
    tokenizer.expectedFieldCount = expected
    var rows: [[String]] = []
    while try tokenizer.nextRecord() { rows.append(tokenizer.record.strings) }
    return rows
}

struct TokenizerCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: [UInt8]
    let rows: [[String]]
    var testDescription: String { name }
    init(_ name: String, _ input: String, _ rows: [[String]]) {
        self.name = name
        self.input = Array(input.utf8)
        self.rows = rows
    }
    init(_ name: String, bytes: [UInt8], _ rows: [[String]]) {
        self.name = name
        self.input = bytes
        self.rows = rows
    }
}

let tokenizerCases: [TokenizerCase] = [
    TokenizerCase("simple LF", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
    TokenizerCase("no final newline", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
    TokenizerCase("CRLF", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
    TokenizerCase("lone CR", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
    TokenizerCase("quoted delimiter", "\"x,y\",z\n", [["x,y", "z"]]),
    TokenizerCase("doubled quotes", "\"he said \"\"hi\"\"\",2\n", [["he said \"hi\"", "2"]]),
    TokenizerCase("embedded CRLF", "\"l1\r\nl2\",b\r\nc,d\r\n", [["l1\r\nl2", "b"], ["c", "d"]]),
    TokenizerCase("embedded LF", "\"l1\nl2\nl3\",b\n", [["l1\nl2\nl3", "b"]]),
    TokenizerCase("empty fields", ",,\n,\n", [["", "", ""], ["", ""]]),
    TokenizerCase("trailing delimiter at EOF", "a,b,", [["a", "b", ""]]),
    TokenizerCase("quoted empty", "\"\",a\n\"\"\n", [["", "a"], [""]]),
    TokenizerCase("blank lines skipped", "a\n\n\nb\r\n\r\nc", [["a"], ["b"], ["c"]]),
    TokenizerCase("BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8), [["a", "b"], ["1", "2"]]),
    TokenizerCase("BOM only", bytes: [0xEF, 0xBB, 0xBF], []),
    TokenizerCase("empty input", "", []),
    TokenizerCase("quote inside unquoted kept", "ab\"c,d\n", [["ab\"c", "d"]]),
    TokenizerCase("text after closing quote kept", "\"ab\"cd,e\n", [["abcd", "e"]]),
    TokenizerCase("quoted at EOF", "a,\"b\"", [["a", "b"]]),
    TokenizerCase("UTF-8", "Ünïcode,日本\n", [["Ünïcode", "日本"]]),
    TokenizerCase("long fields", String(repeating: "x", count: 100) + ",\"" + String(repeating: "y,", count: 40) + "\"\n",
                  [[String(repeating: "x", count: 100), String(repeating: "y,", count: 40)]]),
]

@Test("tokenizer edge cases", arguments: tokenizerCases)
func tokenizerEdgeCases(_ c: TokenizerCase) throws {
    for bufferSize in [4, 5, 7, 13, 1 << 16] {
        for chunk in [1, 3, Int.max] {
            let rows = try tokenize(c.input, bufferSize: bufferSize, chunk: chunk)
            #expect(rows == c.rows, "buffer \(bufferSize), chunk \(chunk)")
        }
    }
}

@Test func customDelimiter() throws {
    #expect(try tokenize(Array("a;b;\"c;d\"\n1;2;3\n".utf8), delimiter: UInt8(ascii: ";"))
        == [["a", "b", "c;d"], ["1", "2", "3"]])
    #expect(try tokenize(Array("a\tb,c\n".utf8), delimiter: 0x09) == [["a", "b,c"]])
}

@Test func physicalLineNumbersCountEmbeddedNewlines() throws {
    let text = "h1,h2\n\"a\nb\nc\",x\nlast,y\n"
    let tokenizer = CSVTokenizer(source: MemoryByteSource(Array(text.utf8), name: "t.csv"), bufferSize: 4)
    var lines: [[Int]] = []
    while try tokenizer.nextRecord() { lines.append(tokenizer.record.lines) }
    #expect(lines == [[1, 1], [2, 4], [5, 5]])
}

@Test func raggedRowNamesLineAndColumn() throws {
    let text = "a,b,c\n1,2,3\n\"x\ny\",2\n"
    #expect(throws: CSVError.raggedRow(file: "t.csv", line: 3, column: 3, expected: 3, found: 2)) {
        _ = try tokenize(Array(text.utf8), expected: 3)
    }
    #expect(throws: CSVError.raggedRow(file: "t.csv", line: 2, column: 4, expected: 3, found: 4)) {
        _ = try tokenize(Array("a,b,c\n1,2,3,4\n".utf8), expected: 3)
    }
}

@Test func raggedRowCanBeSkipped() throws {
    let tokenizer = CSVTokenizer(source: MemoryByteSource(Array("a,b\n1\n2,3\n".utf8), name: "t.csv"))
    tokenizer.expectedFieldCount = 2
    var rows: [[String]] = [], errors = 0
    while true {
        do {
            guard try tokenizer.nextRecord() else { break }
            rows.append(tokenizer.record.strings)
        } catch { errors += 1 }
    }
    #expect(rows == [["a", "b"], ["2", "3"]])
    #expect(errors == 1)
}

@Test func unterminatedQuoteNamesWhereTheFieldStarted() throws {
    let text = "a,b\n1,2\n3,\"open\nmore\nstill"
    for bufferSize in [4, 1 << 16] {
        #expect(throws: CSVError.unterminatedQuote(file: "t.csv", line: 3, column: 2, byteOffset: 10)) {
            _ = try tokenize(Array(text.utf8), bufferSize: bufferSize)
        }
    }
}

@Test func invalidUTF8NamesLineColumnAndOffset() throws {
    let bytes = Array("a,b\n1,ok\n2,".utf8) + [0x66, 0xC3, 0x28] + Array("\n".utf8)
    #expect(throws: CSVError.invalidUTF8(file: "t.csv", line: 3, column: 2, byteOffset: 11)) {
        _ = try tokenize(bytes)
    }
    for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82]] {
        #expect(throws: CSVError.self) { _ = try tokenize(bad + [0x0A]) }
    }
    #expect(try tokenize([0xF0, 0x9F, 0x98, 0x80, 0x0A]) == [["😀"]])
}

@Test func recordTooLargeIsReported() throws {
    let tokenizer = CSVTokenizer(source: MemoryByteSource(Array(("\"" + String(repeating: "z", count: 100)).utf8),
                                                          name: "t.csv"), bufferSize: 8, maxRecordBytes: 50)
    #expect(throws: CSVError.recordTooLarge(file: "t.csv", line: 1, limit: 50)) { _ = try tokenizer.nextRecord() }
}

@Test func readsTheMessyFixtureFromDisk() throws {
    let tokenizer = CSVTokenizer(source: try FileByteSource(path: fixturePath("messy.csv")), bufferSize: 16)
    var rows: [[String]] = []
    while try tokenizer.nextRecord() { rows.append(tokenizer.record.strings) }
    #expect(rows.count == 5)
    #expect(rows[0] == ["Name", "Amount ($)", "Joined", "Active", "Notes", "Score"])
    #expect(rows[1] == ["Smith, John", "1234.50", "01/02/2020", "true", "He said \"hi\"", "7"])
    #expect(rows[2][4] == "line one\r\nline two")
    #expect(rows[3][0] == "Ünïcode Ltd")
}

@Test func missingFileIsAnIOError() {
    #expect(throws: CSVError.self) { _ = try FileByteSource(path: "/nonexistent/x.csv") }
}
