// The Parquet module: a native reader and writer of Apache Parquet files.
//
// Reading (Sources/Parquet/Read):
//   let reader = try ParquetFileReader(path: "x.parquet")          // or (bytes:), or (source: ParquetByteSource, path:)
//   reader.numRows, reader.rowGroupCount, reader.schema.columns     // footer only: no data pages read
//   reader.statisticsValues(rowGroup: 0, column: 2)                 // typed min/max/nullCount from the footer
//   try reader.forEachRowGroup(columns: ["add.path", "add.partitionValues"]) { group, rows in ... }
//   try reader.readRows(columns: nil)                               // [ParquetValue], each a .structure
//   try reader.readColumn(rowGroup: 0, path: "id")                  // ColumnChunkData: typed values + levels
// Row values (ParquetValue) carry logical types: .string, .decimal("12.30"), .date(days),
// .timestamp(v, unit:, isAdjustedToUTC:) (INT96 becomes micros), .list, .map, .structure; row["field"] navigates,
// .stringMap turns a Delta partitionValues map into [String: String?], .displayText / .jsonText render.
// Columns are selected by dotted paths at any depth (a field brings its subtree); only the selected chunks' byte
// ranges are read. Errors are ParquetError values with byte offsets, wrapped with the file name (.inFile).
//
// Metadata and Thrift (Sources/Parquet/Metadata, Sources/Parquet/Thrift): FileMetaData, RowGroup, ColumnChunk,
// ColumnMetaData, PageHeader, Statistics, SchemaElement, LogicalType, with `decode(_:)` and `thriftEncoded()`.
// Schemas (Sources/Parquet/Schema): ParquetSchema(elements:) from a footer, or ParquetSchema(fields:) built from
// SchemaNode.primitive/.group/.list/.map; `columns` gives each leaf's ColumnDescriptor with its levels.
// Codecs (Sources/Parquet/Compression): PageCompression.compress/decompress for UNCOMPRESSED, SNAPPY, GZIP, ZSTD,
// LZ4_RAW. Decoders (Sources/Parquet/Encoding): PLAIN, RLE/bit-packed hybrid, dictionary, DELTA_BINARY_PACKED,
// DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT. Writing lives in Sources/Parquet/Write.
