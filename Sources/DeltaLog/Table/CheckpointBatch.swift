/// The actions of one checkpoint file, with the `add` actions held apart: a checkpoint is mostly adds (often
/// hundreds of thousands), and replay can take that array as its active file list without wrapping each file in
/// an ``Action`` and copying it again. The file's order is kept: ``actions`` rebuilds it exactly.
struct CheckpointBatch {
    /// The add actions, in file order.
    var adds: [AddFile] = []
    /// Every other action (remove, protocol, metaData, txn, domainMetadata, sidecar, ...), in file order.
    var others: [Action] = []
    /// For each of `others`, its index among all the file's actions.
    private var otherPositions: [Int] = []

    init() {}

    /// Splits decoded actions.
    init(_ actions: [Action]) {
        for a in actions { append(a) }
    }

    /// Appends the file's next action.
    mutating func append(_ action: Action) {
        if case .add(let add) = action {
            adds.append(add)
        } else {
            appendOther(action)
        }
    }

    /// Appends the file's next action, known not to be an add.
    mutating func appendOther(_ action: Action) {
        otherPositions.append(adds.count + others.count)
        others.append(action)
    }

    /// Appends the next non-add action of the file, which comes after the first `addCount` adds (adds may have
    /// been appended ahead of it, in bulk).
    mutating func appendOther(_ action: Action, afterAdds addCount: Int) {
        otherPositions.append(addCount + others.count)
        others.append(action)
    }

    /// All the actions in file order.
    var actions: [Action] {
        var out: [Action] = []
        out.reserveCapacity(adds.count + others.count)
        var a = 0
        for (o, position) in otherPositions.enumerated() {
            while out.count < position { out.append(.add(adds[a])); a += 1 }
            out.append(others[o])
        }
        while a < adds.count { out.append(.add(adds[a])); a += 1 }
        return out
    }
}
