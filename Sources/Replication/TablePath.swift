import DeltaLog
import Storage

/// Turns paths written in the log into storage paths relative to the table root, refusing any that are
/// absolute or escape the root (PROTOCOL.md: `add.path` is an RFC 2396 URI; Deletion Vectors: storage types).
/// Decoding is DeltaLog's (``DataFilePath``, ``DeletionVectorLoader/relativePath(of:)``) so the replica holds
/// exactly the files a reader opens; the containment check is Storage's (``StoragePath/validate(_:)``). Pure.
public enum TablePath {
    /// Decodes a log path (percent-encoded URI reference) into a validated table-relative storage path.
    /// Throws ``ReplicationError/unsafePath(path:version:file:)`` for absolute URIs, absolute paths and `..`.
    public static func resolve(_ logPath: String, version: Int64?, file: String) throws -> String {
        let path = DataFilePath(uri: logPath)
        guard !path.isAbsolute, (try? StoragePath.validate(path.decoded)) != nil else {
            throw ReplicationError.unsafePath(path: logPath, version: version, file: file)
        }
        return path.decoded
    }

    /// The storage path of the file a deletion vector lives in, or nil for inline vectors.
    /// `u`: `<prefix>/deletion_vector_<uuid>.bin` (the last 20 characters are the Z85-encoded UUID);
    /// `p`: an absolute path, refused; `i`: inline, no file.
    public static func deletionVectorFile(_ dv: DeletionVectorDescriptor, version: Int64?, file: String) throws -> String? {
        switch dv.storageType {
        case "i": return nil
        case "u":
            let rel: String
            do { rel = try DeletionVectorLoader.relativePath(of: dv) } catch {
                throw ReplicationError.malformedLog(file: file, reason: "deletion vector path '\(dv.pathOrInlineDv)' is not a Z85 UUID")
            }
            guard (try? StoragePath.validate(rel)) != nil else {
                throw ReplicationError.unsafePath(path: rel, version: version, file: file)
            }
            return rel
        case "p":
            throw ReplicationError.unsafePath(path: dv.pathOrInlineDv, version: version, file: file)
        default:
            throw ReplicationError.malformedLog(file: file, reason: "unknown deletion vector storage type '\(dv.storageType)'")
        }
    }
}
