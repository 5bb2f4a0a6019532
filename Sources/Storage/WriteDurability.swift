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

/// Whether a local root flushes its writes to stable storage at all (``LocalStorage/init(path:flush:)``).
public enum FlushPolicy: Sendable, Equatable {
    /// Every durability promise of the ``Storage`` contract holds across an operating-system crash or power loss
    /// (fsync, syncfs).
    case always
    /// No fsync or syncfs. Writes stay atomic and ordered for every process (temporary file, then rename or
    /// link(2)), so a killed process still leaves a consistent state; but after an operating-system crash or a
    /// power loss recent writes may be lost, and a published name may point at incomplete content. For copies that
    /// can be redone (`deltactl replicate --no-sync`), at `cp`'s speed.
    case never
}
