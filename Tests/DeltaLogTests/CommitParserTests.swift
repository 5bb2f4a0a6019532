import Testing
@testable import DeltaLog

@Suite struct CommitParserTests {
    static let lines = [
        #"{"add":{"path":"x=A%252FA/p.parquet","partitionValues":{"x":"A/A","n":null},"size":460,"modificationTime":1631873480391,"dataChange":true,"stats":"{\"numRecords\":3,\"minValues\":{\"s\":\"a\\\"b\u00e9\"}}","tags":{"INSERTION_TIME":"1"}}}"#,
        #"{"add":{"path":"b","partitionValues":{},"size":1,"modificationTime":2,"dataChange":false,"stats":null,"deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^","offset":1,"sizeInBytes":36,"cardinality":2},"baseRowId":4,"defaultRowCommitVersion":1}}"#,
        #"{"remove":{"path":"c","deletionTimestamp":9,"dataChange":true,"extendedFileMetadata":true,"partitionValues":{},"size":5}}"#,
        #"{"add":{"path":"d","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,"futureField":{"a":[1,2]}}}"#,
        #"{"add":{"path":"e","size":1.5e3,"partitionValues":{},"modificationTime":2,"dataChange":true}}"#,
        #"{"commitInfo":{"timestamp":1,"operation":"WRITE"}}"#,
        #"  {"remove":{"path":"f\u0041","dataChange":false}}  "#,
    ]

    @Test func fastPathAgreesWithStrictParser() throws {
        for line in Self.lines {
            let fast = try CommitFileParser.parse(Array(line.utf8), file: "t")
            let slow = try Action(json: JSONParser.parse(line))
            #expect(fast == [slow], "line: \(line)")
        }
    }

    /// Escapes in every position the string scanner decodes: each string either decodes exactly as the strict
    /// parser does, or the line falls back to it (same actions, or the same error).
    @Test(arguments: [#"a\"b"#, #"\\"#, #"x\/y\b\f\n\r\t"#, #"\u00e9\u20ac"#, #"\ud83d\ude00 end"#, #"\u0041"#,
                      #"tail\\"#, #"\"\""#, #"\ud83d"#, #"\ude00"#, #"\ud83dx"#, #"\u12"#, #"\q"#, #"\u00G0"#, "é\\n€"])
    func escapedStringsAgreeWithStrictParser(_ escaped: String) {
        let line = #"{"add":{"path":"p\#(escaped)","partitionValues":{"k\#(escaped)":"v\#(escaped)"},"size":1,"modificationTime":2,"dataChange":true,"stats":"s\#(escaped)"}}"#
        let fast = Result { try CommitFileParser.parse(Array(line.utf8), file: "t") }
        let slow = Result { try [Action(json: JSONParser.parse(line))] }
        switch (fast, slow) {
        case (.success(let a), .success(let b)): #expect(a == b, "line: \(line)")
        case (.failure, .failure): break
        default: Issue.record("fast \(fast) vs strict \(slow) for \(line)")
        }
    }

    @Test func fastPathDeclinesUnknownFields() {
        let line = Self.lines[3]
        let taken = Array(line.utf8).withUnsafeBytes { FileActionFastPath.parse($0, 0..<$0.count) }
        #expect(taken == nil)
        let plain = Self.lines[0]
        #expect(Array(plain.utf8).withUnsafeBytes { FileActionFastPath.parse($0, 0..<$0.count) } != nil)
    }

    @Test func multiLineFileWithBlankAndCRLF() throws {
        let text = Self.lines[0] + "\r\n\n" + Self.lines[2] + "\n"
        let actions = try CommitFileParser.parse(Array(text.utf8), file: "t")
        #expect(actions.count == 2)
    }

    @Test(arguments: [#"{"add":{"path":"a","size":1"#, #"{"add":"#, "not json", #"{"add":{"size":1}}"#, #"[1]"#])
    func badLinesThrowWithLocation(_ line: String) {
        #expect(throws: DeltaError.self) { try CommitFileParser.parse(Array(("\n" + line).utf8), file: "f.json") }
    }

    /// Replay checks commitInfo lines without keeping them: the other actions are the same, and a malformed
    /// commitInfo is the same error (file, line, byte offset) as when it is parsed.
    @Test(arguments: [
        #"{"commitInfo":{"timestamp":1,"operation":"WRITE","operationParameters":{"mode":"Append"}}}"#,
        #"{"commitInfo":{"timestamp":1,"operation":"WRITE"}"#, #"{"commitInfo":{"timestamp":01}}"#,
        #"{"commitInfo":{"a":"\q"}}"#, #"{"commitInfo":{"timestamp":1}} trailing"#, #"{"commitInfo":{}}"#,
        #"{"commitInfo":{"timestamp":1},"add":{"path":"z","size":1}}"#,
    ])
    func commitInfoValidatedOnlyAgrees(_ info: String) {
        let text = Array((Self.lines[0] + "\n" + info + "\n" + Self.lines[2]).utf8)
        let parsed = Result { try CommitFileParser.parse(text, file: "f.json") }
        let checked = Result { try CommitFileParser.parse(text, file: "f.json", commitInfo: .validateOnly) }
        switch (parsed, checked) {
        case (.success(let a), .success(let b)):
            #expect(b == a.filter { if case .commitInfo = $0 { return false } else { return true } }, "\(info)")
            #expect(a.count == b.count + 1)
        case (.failure(let a as DeltaError), .failure(let b as DeltaError)): #expect("\(a)" == "\(b)", "\(info)")
        default: Issue.record("parse \(parsed) vs validateOnly \(checked) for \(info)")
        }
    }

    /// Stats kept as escaped slices of the file's bytes: the text and numRecords are those of the decoded string.
    @Test(arguments: [
        #"{\"numRecords\":42,\"minValues\":{\"s\":\"a\\\"b\"}}"#, #"{\"numRecords\":7}"#, #"{\"numRecords\":-3,\"x\":1}"#,
        #"{\"numRecords\":1.5}"#, #"{\"numRecords\": 5}"#, #"{\"numRecords\":\"9\"}"#, #"{\"minValues\":{},\"numRecords\":8}"#,
        #"{\"numRecords\":99999999999999999999}"#, #"{\"numRecords\":12\u002c\"a\":1}"#, #"{\u0022numRecords\":3}"#,
        #"{\"numRecords\":"#, #"{\"numRecords\":4,\"s\":\"\ud83d\ude00\u00e9\"}"#,
    ])
    func escapedStatsAgreeWithDecoded(_ escaped: String) throws {
        let line = #"{"add":{"path":"p","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,"stats":"\#(escaped)"}}"#
        let actions = try CommitFileParser.parse(Array(line.utf8), file: "t")
        guard case .add(let add)? = actions.first, let text = add.statsText else {
            Issue.record("no stats for \(line)"); return
        }
        guard case .escaped = text else { Issue.record("stats not kept as an escaped slice: \(text)"); return }
        let decoded = try #require(JSONParser.parse("\"" + escaped + "\"").stringValue)
        #expect(text.string == decoded)
        #expect(add.numRecordsFromStats == StatsReader.numRecords(decoded), "\(escaped)")
    }

    /// Adds of one file share a partition values dictionary only while its text repeats exactly.
    @Test func partitionValuesReusedOnlyForEqualText() throws {
        let maps = [#"{"d":"1"}"#, #"{"d":"1"}"#, #"{"d":"1","e":"2"}"#, #"{"d":"1"}"#, #"{"d":"10"}"#, #"{"d":null}"#, #"{}"#,
                    #"{ "d":"1"}"#, #"{"d":"1"}"#]
        let text = maps.enumerated().map { i, m in
            #"{"add":{"path":"f\#(i)","partitionValues":\#(m),"size":1,"modificationTime":2,"dataChange":true}}"#
        }.joined(separator: "\n")
        let fast = try CommitFileParser.parse(Array(text.utf8), file: "t")
        let slow = try text.split(separator: "\n").map { try Action(json: JSONParser.parse(String($0))) }
        #expect(fast == slow)
        #expect(fast.count == maps.count)
    }

    @Test func statsNumRecords() {
        #expect(StatsReader.numRecords(#"{"numRecords":42,"minValues":{}}"#) == 42)
        #expect(StatsReader.numRecords(#"{"minValues":{"numRecords":1},"numRecords":7}"#) == 7)
        #expect(StatsReader.numRecords(#"{"minValues":{}}"#) == nil)
        #expect(StatsReader.numRecords("garbage") == nil)
    }

    @Test func dataFilePaths() throws {
        #expect(DataFilePath(uri: "x=A%252FA/p.parquet").decoded == "x=A%2FA/p.parquet")
        #expect(DataFilePath(uri: "x=B%20B/p%").decoded == "x=B B/p%")
        #expect(try DataFilePath(uri: "a%2Fb/c.parquet").relativePath() == "a/b/c.parquet")
        for bad in ["/abs/x.parquet", "file:///t/x.parquet", "s3://b/x", "../x", "a/%2E%2E/../x", "a//b", "%2E%2E/x"] {
            #expect(throws: DeltaError.self, "\(bad)") { try DataFilePath(uri: bad).relativePath() }
        }
    }

    @Test func timestamps() {
        #expect(DeltaTimestamp.parse("1970-01-01") == 0)
        #expect(DeltaTimestamp.parse("2021-09-17T10:11:20.391Z") == 1631873480391)
        #expect(DeltaTimestamp.parse("2021-09-17 12:11:20.391+02:00") == 1631873480391)
        #expect(DeltaTimestamp.parse("1631873480391") == 1631873480391)
        #expect(DeltaTimestamp.parse("2021-13-01") == nil && DeltaTimestamp.parse("yesterday") == nil)
        #expect(DeltaTimestamp.format(millis: 1631873480391) == "2021-09-17T10:11:20.391Z")
        #expect(DeltaTimestamp.format(millis: -1) == "1969-12-31T23:59:59.999Z")
    }
}
