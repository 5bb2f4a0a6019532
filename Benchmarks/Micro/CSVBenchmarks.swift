import CSVIngest

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
        return [
            MicroBenchmark(name: "CSV tokenise: CSVTokenizer records (complaints rows)", bytes: bytes.count) {
                let tokenizer = CSVTokenizer(source: MemoryByteSource(bytes))
                var fields = 0
                while try tokenizer.nextRecord() { fields &+= tokenizer.record.count }
                return fields
            },
        ]
    }
}
