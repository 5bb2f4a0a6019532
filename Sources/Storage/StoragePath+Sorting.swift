#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

extension StoragePath {
    /// The indices `0..<count` ordered by the byte order of `path(i)` (as ``precedes(_:_:)``; equal paths keep
    /// their index order). The UTF-8 of every path is copied once into one buffer, so comparisons are `memcmp`s
    /// with no String access; from `parallelFrom` paths on, the two halves are sorted on two threads and merged.
    /// Listing 100,000s of data files in path order spends most of its time here.
    public static func sortedIndices(count: Int, parallelFrom: Int = 16_384, path: (Int) -> String) -> [Int] {
        var bytes: [UInt8] = []
        var offsets = [Int](repeating: 0, count: count + 1)
        for i in 0..<count {
            var s = path(i)
            s.withUTF8 { bytes.append(contentsOf: $0) }
            offsets[i + 1] = bytes.count
        }
        return bytes.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { off in
                let base = raw.baseAddress
                @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
                    let la = off[a + 1] - off[a], lb = off[b + 1] - off[b]
                    let n = min(la, lb)
                    if n > 0, let base {
                        let c = memcmp(base + off[a], base + off[b], n)
                        if c != 0 { return c < 0 }
                    }
                    return la != lb ? la < lb : a < b
                }
                var order = Array(0..<count)
                if count < parallelFrom {
                    order.sort(by: before)
                    return order
                }
                let mid = count / 2
                order.withUnsafeMutableBufferPointer { all in
                    let halves = all  // two disjoint halves, one per thread
                    DispatchQueue.concurrentPerform(iterations: 2) { h in
                        var part = UnsafeMutableBufferPointer(rebasing: halves[h == 0 ? 0..<mid : mid..<count])
                        part.sort(by: before)
                    }
                }
                var merged: [Int] = []
                merged.reserveCapacity(count)
                var i = 0, j = mid
                while i < mid && j < count {
                    if before(order[j], order[i]) { merged.append(order[j]); j += 1 } else { merged.append(order[i]); i += 1 }
                }
                merged.append(contentsOf: order[i..<mid])
                merged.append(contentsOf: order[j..<count])
                return merged
            }
        }
    }
}
