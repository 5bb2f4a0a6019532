import Foundation

/// A real 440-byte Parquet file (Spark 3.0, snappy; one INT32 column `value` holding 0 and 2), taken from the
/// delta-rs test table `delta-0.8.0` (Apache-2.0), so that the robustness tests need no fixtures and the
/// referees (delta-rs, DuckDB) can read the tables they build.
enum TinyParquet {
    /// The file's bytes.
    static let bytes: [UInt8] = Array(Data(base64Encoded: base64) ?? Data())
    /// Rows in the file.
    static let rows: Int64 = 2
    /// The Delta schema string matching the file.
    static let schemaString = #"{"type":"struct","fields":[{"name":"value","type":"integer","nullable":true,"metadata":{}}]}"#

    private static let base64 = "UEFSMRUAFRwVICwVBBUAFQYVCBwYBAEAAAAYBAAAAAAWACgEAQAAABgEAAAAAAAAAA40AgAAAAMDAAAAAAEAAAAVAhksSAxzcGFya19zY2hlbWEVAgAVAiUCGAV2YWx1ZQAWBBkcGRwmCBwVAhk1CAYAGRgFdmFsdWUVAhYEFnYWeiYIPBgEAQAAABgEAAAAABYAKAQBAAAAGAQAAAAAABkcFQAVABUCAAAAFnYWBAAZLBgYb3JnLmFwYWNoZS5zcGFyay52ZXJzaW9uGAUzLjAuMQAYKW9yZy5hcGFjaGUuc3Bhcmsuc3FsLnBhcnF1ZXQucm93Lm1ldGFkYXRhGFx7InR5cGUiOiJzdHJ1Y3QiLCJmaWVsZHMiOlt7Im5hbWUiOiJ2YWx1ZSIsInR5cGUiOiJpbnRlZ2VyIiwibnVsbGFibGUiOnRydWUsIm1ldGFkYXRhIjp7fX1dfQAYSnBhcnF1ZXQtbXIgdmVyc2lvbiAxLjEwLjEgKGJ1aWxkIGE4OWRmOGY5OTMyYjZlZjY2MzNkMDYwNjllNTBjOWI3OTcwYmViZDEpGRwcAAAAbwEAAFBBUjE="
}
