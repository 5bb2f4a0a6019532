/// When a write must be durable (survive a crash or power loss).
///
/// Bulk writers (replication's data copy) write many objects that nothing references yet, then make them durable
/// together with ``Storage/sync()`` before publishing anything that names them. That keeps the guarantee readers
/// need ("data durable before the log names it") without paying a flush per object.
public enum WriteDurability: Sendable, Equatable {
    /// Durable when the call returns (local: fsync of the file and its folder).
    case immediate
    /// Visible (atomically, complete) when the call returns, durable only after the next ``Storage/sync()``.
    /// After a crash before that sync the object may be missing or hold incomplete content, so nothing may
    /// reference it until `sync()` has returned. Backends whose writes are always durable (object stores) treat
    /// it as `.immediate`.
    case deferred
}
