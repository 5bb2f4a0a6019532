import Dispatch
import Foundation
import Parquet

/// The columnar fast path of checkpoint decoding: reads only the leaf columns that replay needs, one row group at
/// a time, and builds `AddFile`/`RemoveFile` straight from the typed values and levels, without assembling a
/// `ParquetValue` per row. Rows holding other actions (protocol, metaData, txn, ...) go through the row path for
/// just those columns. Semantics equal ``ParquetCheckpointDecoder/decodeRows(_:file:)``; when the file has a shape
/// this path does not reproduce exactly, `decode` returns nil (or throws) and the caller uses the row path.
struct ColumnarCheckpointDecoder {
    let reader: ParquetFileReader
    let plan: CheckpointColumnPlan
    let file: String

    func decode() throws -> CheckpointBatch {
        var actions = CheckpointBatch()
        actions.adds.reserveCapacity(Int(clamping: reader.numRows))
        var rowBase = 0
        for g in 0..<reader.rowGroupCount {
            let rows = Int(clamping: reader.metadata.rowGroups[g].numRows)
            try decodeRowGroup(g, rows: rows, rowBase: rowBase, into: &actions)
            rowBase += rows
        }
        return actions
    }

    private func decodeRowGroup(_ g: Int, rows: Int, rowBase: Int, into actions: inout CheckpointBatch) throws {
        var columns = try prefetch(rowGroup: g, rows: rows)
        func column(_ i: Int) throws -> ColumnChunkData {
            if let c = columns[i] { return c }
            let c = try reader.readColumn(rowGroup: g, column: i)
            columns[i] = c
            return c
        }
        // Row kind: index into plan.topLevel of the first present action column (schema order), -1 for none.
        var kinds = [Int8](repeating: -1, count: rows)
        for (t, top) in plan.topLevel.enumerated().reversed() {
            let probe = try column(top.probe)
            guard probe.descriptor.maxRepetitionLevel == 0 || probe.repetitionLevels.count == probe.slotCount,
                  top.def == 0 || probe.definitionLevels.count == probe.slotCount else { throw ColumnarFallback() }
            var row = -1
            for s in 0..<probe.slotCount {
                if probe.descriptor.maxRepetitionLevel > 0, probe.repetitionLevels[s] != 0 { continue }
                row += 1
                guard row < rows else { throw ColumnarFallback() }
                if top.def == 0 || Int(probe.definitionLevels[s]) >= top.def { kinds[row] = Int8(t) }
            }
            guard row == rows - 1 else { throw ColumnarFallback() }
        }
        let addKind = plan.topLevel.firstIndex { $0.name == "add" }.map(Int8.init) ?? -2
        let removeKind = plan.topLevel.firstIndex { $0.name == "remove" }.map(Int8.init) ?? -2
        let add = try plan.add.map { try FileColumns($0, rows: rows, column: column) }
        var remove = try plan.remove.map { try FileColumns($0, rows: rows, column: column) }
        columns = [:]

        // Rare actions: row path over just the columns whose action occurs in this row group.
        var rareValues: [Int: ParquetValue] = [:]  // only the rows that hold a rare action
        let rareNames = Set(kinds.filter { $0 >= 0 && $0 != addKind && $0 != removeKind }).map { plan.topLevel[Int($0)].name }
        if !rareNames.isEmpty {
            let projection = plan.topLevel.filter { rareNames.contains($0.name) }.flatMap { plan.rareColumns[$0.name] ?? [] }
            let rareRows = try reader.readRows(rowGroup: g, columns: projection)
            guard rareRows.count == rows else { throw ColumnarFallback() }
            for r in 0..<rows where kinds[r] >= 0 && kinds[r] != addKind && kinds[r] != removeKind {
                rareValues[r] = rareRows[r]
            }
        }

        // Adds (the bulk), then the other actions in row order, each placed after the adds of earlier rows.
        let addsBefore = actions.adds.count
        if let add {
            let built = try Self.buildAdds(add, kinds: kinds, addKind: addKind, rows: rows)
            if actions.adds.isEmpty { actions.adds = built } else { actions.adds.append(contentsOf: built) }
        }
        var addsSoFar = addsBefore
        for r in 0..<rows {
            let kind = kinds[r]
            if kind == addKind { addsSoFar += 1 }
            if kind == removeKind, remove != nil {
                actions.appendOther(.remove(try remove!.removeFile()), afterAdds: addsSoFar)
            } else {
                try remove?.skip()
            }
            if kind >= 0, kind != addKind, kind != removeKind {
                let name = plan.topLevel[Int(kind)].name
                guard let value = rareValues[r]?[name], !value.isNull else { throw ColumnarFallback() }
                let body = ParquetCheckpointDecoder.json(value)
                actions.appendOther(try Action(key: name, body: body, file: file, line: rowBase + r + 1), afterAdds: addsSoFar)
            }
        }
    }

    /// Rows from which building the adds is split over two threads.
    nonisolated(unsafe) static var parallelRows = 20_000  // tests lower it to run the parallel path on small files

    /// Builds the adds of the rows whose kind is `addKind`, in row order: on two threads for large row groups,
    /// each filling its own part of one array (no concatenation copy).
    private static func buildAdds(_ columns: FileColumns, kinds: [Int8], addKind: Int8, rows: Int) throws -> [AddFile] {
        guard rows >= parallelRows, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            var c = columns
            var out: [AddFile] = []
            out.reserveCapacity(rows)
            for r in 0..<rows {
                if kinds[r] == addKind { out.append(try c.addFile()) } else { try c.skip() }
            }
            return out
        }
        let mid = rows / 2
        var firstHalf = 0, total = 0
        for r in 0..<rows where kinds[r] == addKind {
            total += 1
            if r < mid { firstHalf += 1 }
        }
        let parts = [(rows: 0..<mid, slots: 0..<firstHalf), (rows: mid..<rows, slots: firstHalf..<total)]
        let outcome = ParallelResults<Int>(count: 2)  // per part: slots initialised, or the error
        var failure: Error?
        let adds = [AddFile](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: 2) { w in
                var c = columns
                var filled = 0
                let result = Result<Int, Error> {
                    try c.seek(toRow: parts[w].rows.lowerBound)
                    for r in parts[w].rows {
                        if kinds[r] == addKind {
                            guard parts[w].slots.lowerBound + filled < parts[w].slots.upperBound, let base else {
                                throw ColumnarFallback()
                            }
                            (base + parts[w].slots.lowerBound + filled).initialize(to: try c.addFile())
                            filled += 1
                        } else {
                            try c.skip()
                        }
                    }
                    return filled
                }
                outcome.set(w, result.mapError { error in
                    // Undo this part's initialised slots; the array ends up empty.
                    if let base { (base + parts[w].slots.lowerBound).deinitialize(count: filled) }
                    return error
                })
            }
            do {
                let a = try outcome.value(0), b = try outcome.value(1)
                guard a == parts[0].slots.count, b == parts[1].slots.count else { throw ColumnarFallback() }
                initialized = total
            } catch {
                // Release whichever part succeeded.
                for w in 0..<2 { if let n = try? outcome.value(w), let base { (base + parts[w].slots.lowerBound).deinitialize(count: n) } }
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return adds
    }

    /// Reads every leaf column the fast path needs for row group `g`, largest chunks first, on two threads (the
    /// chunks are independent; decoding them is most of a large checkpoint's cost).
    private func prefetch(rowGroup g: Int, rows: Int) throws -> [Int: ColumnChunkData] {
        var wanted = Set(plan.topLevel.map(\.probe))
        for leaves in [plan.add, plan.remove].compactMap({ $0 }) { wanted.formUnion(leaves.leaves) }
        let chunks = reader.metadata.rowGroups[g].columns
        let order = wanted.filter { $0 >= 0 && $0 < chunks.count }
            .sorted { (chunks[$0].metaData?.totalUncompressedSize ?? 0) > (chunks[$1].metaData?.totalUncompressedSize ?? 0) }
        guard rows >= Self.parallelRows, order.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return [:] }
        // Greedy split by size: each column to the less loaded of two workers.
        var work: [[Int]] = [[], []]
        var load: [Int64] = [0, 0]
        for c in order {
            let w = load[0] <= load[1] ? 0 : 1
            work[w].append(c)
            load[w] += chunks[c].metaData?.totalUncompressedSize ?? 0
        }
        let results = ParallelResults<[(Int, ColumnChunkData)]>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { w in
            results.set(w, Result { try work[w].map { ($0, try reader.readColumn(rowGroup: g, column: $0)) } })
        }
        var out: [Int: ColumnChunkData] = [:]
        for w in 0..<2 { for (i, c) in try results.value(w) { out[i] = c } }
        return out
    }
}

/// Cursors over the leaf columns of one `add` or `remove` struct in one row group.
private struct FileColumns {
    var scalars: [String: FlatCursor] = [:]
    var path: FlatCursor
    var partitionValues: MapCursor?
    var tags: MapCursor?
    var dv: (storageType: FlatCursor, path: FlatCursor, offset: FlatCursor?, size: FlatCursor, card: FlatCursor, def: Int)?
    var size, modificationTime, dataChange, stats, baseRowId, drcv, clustering, deletionTimestamp, extended: FlatCursor?

    init(_ p: CheckpointColumnPlan.FileLeaves, rows: Int, column: (Int) throws -> ColumnChunkData) throws {
        func flat(_ name: String) throws -> FlatCursor? {
            try p.scalars[name].map { try FlatCursor(column($0), rows: rows) }
        }
        func map(_ m: CheckpointColumnPlan.MapLeaves?) throws -> MapCursor? {
            try m.map { try MapCursor(key: column($0.key), value: column($0.value), plan: $0) }
        }
        guard let path = try flat("path") else { throw ColumnarFallback() }
        self.path = path
        size = try flat("size"); modificationTime = try flat("modificationTime"); dataChange = try flat("dataChange")
        stats = try flat("stats"); baseRowId = try flat("baseRowId"); drcv = try flat("defaultRowCommitVersion")
        clustering = try flat("clusteringProvider"); deletionTimestamp = try flat("deletionTimestamp")
        extended = try flat("extendedFileMetadata")
        partitionValues = try map(p.partitionValues)
        tags = try map(p.tags)
        if let d = p.deletionVector {
            dv = (try FlatCursor(column(d.storageType), rows: rows), try FlatCursor(column(d.pathOrInlineDv), rows: rows),
                  try d.offset.map { try FlatCursor(column($0), rows: rows) }, try FlatCursor(column(d.sizeInBytes), rows: rows),
                  try FlatCursor(column(d.cardinality), rows: rows), d.def)
        }
    }

    /// Positions every cursor at row `row`.
    mutating func seek(toRow row: Int) throws {
        path.seek(toRow: row); size?.seek(toRow: row); modificationTime?.seek(toRow: row)
        dataChange?.seek(toRow: row); stats?.seek(toRow: row); baseRowId?.seek(toRow: row); drcv?.seek(toRow: row)
        clustering?.seek(toRow: row); deletionTimestamp?.seek(toRow: row); extended?.seek(toRow: row)
        try partitionValues?.seek(toRow: row); try tags?.seek(toRow: row)
        if dv != nil {
            dv!.storageType.seek(toRow: row); dv!.path.seek(toRow: row); dv!.offset?.seek(toRow: row)
            dv!.size.seek(toRow: row); dv!.card.seek(toRow: row)
        }
    }

    /// Advances every cursor past a row that is not this action.
    mutating func skip() throws {
        _ = path.next(); _ = size?.next(); _ = modificationTime?.next(); _ = dataChange?.next(); _ = stats?.next()
        _ = baseRowId?.next(); _ = drcv?.next(); _ = clustering?.next(); _ = deletionTimestamp?.next()
        _ = extended?.next()
        _ = try partitionValues?.next(); _ = try tags?.next()
        if dv != nil {
            _ = dv!.storageType.next(); _ = dv!.path.next(); _ = dv!.offset?.next(); _ = dv!.size.next(); _ = dv!.card.next()
        }
    }

    private mutating func deletionVector() throws -> DeletionVectorDescriptor? {
        guard dv != nil else { return nil }
        let present = dv!.storageType.def >= dv!.def
        let t = dv!.storageType.nextString(), p = dv!.path.nextString(), o = dv!.offset?.nextInt()
        let s = dv!.size.nextInt(), c = dv!.card.nextInt()
        guard present else { return nil }
        guard let t, let p, let s, let c, let s32 = Int32(exactly: s) else { throw ColumnarFallback() }
        let offset = o.flatMap { Int32(exactly: $0) }
        return DeletionVectorDescriptor(storageType: t, pathOrInlineDv: p, offset: offset, sizeInBytes: s32, cardinality: c)
    }

    mutating func addFile() throws -> AddFile {
        guard let path = path.nextString(), let size = size?.nextInt() else { throw ColumnarFallback() }
        let mtime = modificationTime?.nextInt() ?? 0
        let dataChange = dataChange?.nextBool() ?? true
        let stats = stats?.nextStatsText()
        let baseRowId = baseRowId?.nextInt(), drcv = drcv?.nextInt(), clustering = clustering?.nextString()
        _ = deletionTimestamp?.next(); _ = extended?.next()
        let pv = try partitionValues?.next() ?? [:]
        let tags = try tags?.next()
        let dv = try deletionVector()
        var add = AddFile(path: path, partitionValues: pv, size: size, modificationTime: mtime, dataChange: dataChange,
                          tags: tags ?? nil, deletionVector: dv, baseRowId: baseRowId,
                          defaultRowCommitVersion: drcv, clusteringProvider: clustering)
        add.statsText = stats
        return add
    }

    mutating func removeFile() throws -> RemoveFile {
        guard let path = path.nextString() else { throw ColumnarFallback() }
        var r = RemoveFile(path: path)
        r.deletionTimestamp = deletionTimestamp?.nextInt() ?? nil
        if let b = dataChange?.nextBool() { r.dataChange = b }
        r.extendedFileMetadata = extended?.nextBool() ?? nil
        r.size = size?.nextInt() ?? nil
        r.stats = stats?.nextString() ?? nil
        r.baseRowId = baseRowId?.nextInt() ?? nil
        r.defaultRowCommitVersion = drcv?.nextInt() ?? nil
        _ = modificationTime?.next(); _ = clustering?.next()
        r.partitionValues = try partitionValues?.next() ?? nil
        r.tags = try tags?.next() ?? nil
        r.deletionVector = try deletionVector()
        return r
    }
}
