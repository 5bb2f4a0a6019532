import DeltaLog
import Storage

/// Opens a storage root from what a user typed: a local path, or a `file://` URI (percent-encoded).
/// Object stores (s3://, abfss://) slot in here later.
public enum StorageLocation {
    /// The storage for `uri`; throws ``ReplicationError/unsupportedURI(_:)`` for other schemes. `flush` applies to
    /// local roots (``FlushPolicy/never`` for `--no-sync`); object stores are durable on every write.
    public static func open(_ uri: String, flush: FlushPolicy = .always) throws -> Storage {
        if uri.hasPrefix("file://") {
            var rest = String(uri.dropFirst("file://".count))
            if rest.hasPrefix("localhost/") { rest = String(rest.dropFirst("localhost".count)) }
            guard rest.hasPrefix("/") else { throw ReplicationError.unsupportedURI(uri) }
            return LocalStorage(path: DataFilePath.percentDecode(rest), flush: flush)
        }
        if !uri.hasPrefix("/") && DataFilePath(uri: uri).isAbsolute && uri.contains("://") { throw ReplicationError.unsupportedURI(uri) }
        guard !uri.isEmpty else { throw ReplicationError.unsupportedURI(uri) }
        return LocalStorage(path: uri, flush: flush)
    }
}
