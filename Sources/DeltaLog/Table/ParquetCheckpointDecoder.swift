/// Decodes the actions of a Parquet checkpoint or sidecar file.
enum ParquetCheckpointDecoder {
    static func decode(_ bytes: [UInt8], file: String) throws -> [Action] {
        throw DeltaError.invalidCheckpoint(file: file, reason: "reading Parquet checkpoints needs the Parquet reader (branch parquet-read), not merged yet")
    }
}
