#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes rejected rows to a CSV file (`--bad-rows quarantine:PATH`): columns `line`, `error`, then the row's
/// fields as read, quoted where needed. The file is replaced if it exists.
final class QuarantineWriter {
    let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String, header: [String]) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw CSVError.io(file: path, operation: "create quarantine file", errno: errno) }
        append(["line", "error"] + header)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends a rejected row.
    func write(line: Int, error: String, fields: [String]) throws {
        append([String(line), error] + fields)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Flushes and closes the file.
    func finish() throws {
        try flush()
        if fd >= 0 { close(fd); fd = -1 }
    }

    private func append(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            let needsQuotes = f.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes {
                buffer.append(0x22)
                for b in f.utf8 {
                    if b == 0x22 { buffer.append(0x22) }
                    buffer.append(b)
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: f.utf8)
            }
        }
        buffer.append(0x0A)
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError.io(file: path, operation: "write", errno: errno)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
