/// Settings of a ``ParquetFileWriter``.
public struct ParquetWriterOptions: Sendable {
    /// Page compression codec (default SNAPPY, as Spark and delta-rs write).
    public var codec: CompressionCodec = .snappy
    /// Codec level (GZIP 0-9, ZSTD 1-22); nil for the codec's default.
    public var compressionLevel: Int32?
    /// Target row-group size: a row group is written out once the bytes it buffers (compressed pages plus the open
    /// pages and dictionaries) reach this, so it also bounds the writer's memory.
    public var rowGroupSize: Int = 128 << 20
    /// Target data-page size in bytes of encoded values, before compression (pages end on record boundaries).
    public var pageSize: Int = 1 << 20
    /// Largest dictionary before later pages fall back to PLAIN (parquet-mr's default, 1 MiB).
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// Use dictionary encoding where it pays off.
    public var dictionaryEnabled = true
    /// Byte-array min/max longer than this are left out of the footer (they are still returned to the caller).
    public var maxStatisticsSize = 4096
    /// Extra footer key-value metadata.
    public var keyValueMetadata: [KeyValue] = []
    /// The footer's `created_by`.
    public var createdBy = "deltactl version 0.1.0"

    /// Default options.
    public init() {}

    /// Options with the given codec and sizes.
    public init(codec: CompressionCodec, rowGroupSize: Int = 128 << 20, pageSize: Int = 1 << 20) {
        self.codec = codec
        self.rowGroupSize = rowGroupSize
        self.pageSize = pageSize
    }
}
