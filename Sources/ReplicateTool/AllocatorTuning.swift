import CStorageShims

/// Process-wide allocator settings, applied once at start-up by the executable (the libraries never change
/// process-wide state).
enum AllocatorTuning {
    /// Lets glibc grow its heaps 64 MiB at a time instead of 128 KiB (`M_TOP_PAD`). Reserving address space
    /// costs nothing until pages are touched, while the default made a replay of 10,000 commits call `mprotect`
    /// about 14,000 times as the parsing threads' arenas grew: 15% of its CPU time (435 -> 370 ms task clock).
    static func apply() {
        _ = deltactl_set_malloc_top_pad(64 << 20)
    }
}
