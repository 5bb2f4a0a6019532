import CSVIngest
import Foundation

/// CSV tokenising: RFC 4180 records out of complaints-shaped bytes held in memory (no disk I/O).
enum CSVBenchmarks {
    /// Benchmarks over `rows` generated rows (quoted names with commas and doubled quotes, empty fields).
    static func all(rows: Int) -> [MicroBenchmark] {
        var rng = SyntheticLog.Rng(state: 7)
        var text = "Company,File No.,Opened,Closed,Coverage,SubCoverage,Reason,SubReason,Disposition,Conclusion,"
            + "Recovery,Status\n"
        let companies = ParquetBenchmarks.names.map { $0.contains(",") ? "\"\($0)\"" : $0 }
            + ["\"Kemper \"\"Preferred\"\" Insurance Company\""]
        for i in 0..<rows {
            let open = rng.below(10) == 0
            text += "\(companies[Int(rng.below(UInt64(companies.count)))]),\(100_000 + i * 3),"
                + "\(1 + rng.below(12))/\(1 + rng.below(28))/20\(15 + rng.below(10)),"
                + (open ? "" : "\(1 + rng.below(12))/\(1 + rng.below(28))/2024")
                + ",A & H,Group,Claim Handling,Denial of Claim,"
                + (open ? ",," : "Claim Settled,Justified,") + (rng.below(4) == 0 ? "\(rng.below(25000)).50" : "0")
                + (open ? ",Open\n" : ",Closed\n")
        }
        let bytes = Array(text.utf8)
        // The same rows on disk, for the end-to-end conversion (temporary files, removed at exit).
        let folder = NSTemporaryDirectory() + "deltactl-micro-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let csvPath = folder + "/complaints.csv"
        FileManager.default.createFile(atPath: csvPath, contents: Data(bytes))
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "deltactl-micro-\(getpid())") }
        var runs = 0
        return [
            MicroBenchmark(name: "CSV tokenise: CSVTokenizer records (complaints rows)", bytes: bytes.count) {
                let tokenizer = CSVTokenizer(source: MemoryByteSource(bytes))
                var fields = 0
                while try tokenizer.nextRecord() { fields &+= tokenizer.record.count }
                return fields
            },
            MicroBenchmark(name: "CSV tokenise: CSVTokenizer blocks (complaints rows)", bytes: bytes.count) {
                let tokenizer = CSVTokenizer(source: MemoryByteSource(bytes))
                guard try tokenizer.nextRecord() else { return 0 }
                tokenizer.expectedFieldCount = tokenizer.record.count
                var rows = 0
                while true {
                    let end = try tokenizer.nextBlock(maxRows: 8192)
                    rows &+= tokenizer.block.rowCount
                    if end != .more { break }
                }
                return rows
            },
            MicroBenchmark(name: "CSV convert: complaints rows to a Delta table (infer, parse, encode, 2 threads)",
                           bytes: bytes.count) {
                runs += 1
                var options = ConvertOptions()
                options.compression = .snappy
                let table = folder + "/t\(runs)"
                let report = try CSVConverter.convert(csvPath: csvPath, tablePath: table, options: options)
                try FileManager.default.removeItem(atPath: table)
                return Int(report.rows)
            },
        ]
    }
}
