/// `order by`, for plain rows and for computed ones (groups, distinct):
/// each key becomes a comparison of two candidates. Plain rows are compared
/// on the columns themselves (numbers and dates as stored, texts of a small
/// dictionary by precomputed rank), so a million records are ordered — or
/// their top k found — before any of them is turned into values for output;
/// computed rows by their values.
struct RowOrder {
    enum Key {
        case integers([Int], nulls: Bitmap?)
        case decimals([Double], nulls: Bitmap?)
        case dates([Int32])
        case booleans([Int8])
        /// Codes into a dictionary whose order is given by `rank[code]`.
        case rankedText(codes: [UInt32], rank: [Int32])
        case text(codes: [UInt32], dictionary: [String])
        /// Anything else: the values, one per candidate (by position).
        case values([Value])
    }

    var keys: [(key: Key, descending: Bool)] = []
    /// What the candidates are: records, which the column keys read, or
    /// positions in a table. `sorted` returns these.
    let rows: [Int]

    var count: Int { rows.count }

    /// Plain rows: the records of the query's collection.
    init(_ q: CheckedQuery, records: [Int], evaluator: Evaluator) throws(Diagnostic) {
        self.rows = records
        let collection = evaluator.dataset.collections[q.collection]
        for k in q.orderBy {
            let expression: CheckedExpression
            switch k.key {
            case let .column(c): expression = q.columns[c].expression
            case let .hidden(e): expression = e
            }
            if case let .path(p) = expression, p.steps.count == 1, let key = RowOrder.columnKey(collection.columns[p.steps[0].field]) {
                keys.append((key, k.descending))
                continue
            }
            var values: [Value] = []
            values.reserveCapacity(records.count)
            for (n, row) in records.enumerated() {
                if n & 0xFFF == 0, evaluator.isCancelled() { throw Diagnostic(.cancelled) }
                values.append(evaluator.presentable(try evaluator.value(of: expression, row: row, collection: q.collection)))
            }
            keys.append((.values(values), k.descending))
        }
    }

    /// Computed rows: by the values of their cells, or of the hidden keys.
    init(_ q: CheckedQuery, table: Evaluator.Table) {
        self.rows = Array(table.cells.indices)
        var hidden = 0
        for k in q.orderBy {
            switch k.key {
            case let .column(c): keys.append((.values(table.cells.map { $0[c] }), k.descending))
            case .hidden:
                let h = hidden
                keys.append((.values(table.hidden.map { $0[h] }), k.descending))
                hidden += 1
            }
        }
    }

    /// A column's own values as a sort key; nil for lists and other values.
    static func columnKey(_ column: Column) -> Key? {
        switch column.storage {
        case let .integer(v, nulls): return .integers(v, nulls: nulls)
        case let .decimal(v, nulls): return .decimals(v, nulls: nulls)
        case let .date(v): return .dates(v)
        case let .boolean(v): return .booleans(v)
        case let .text(codes, dictionary):
            guard dictionary.count <= 65_536 else { return .text(codes: codes, dictionary: dictionary) }
            let order = dictionary.indices.sorted { ValueComparison.compareText(dictionary[$0], dictionary[$1]) < 0 }
            // Texts equal under `=` share a rank, so they keep the data's order.
            var rank = [Int32](repeating: 0, count: dictionary.count)
            var r: Int32 = 0
            for (i, code) in order.enumerated() {
                if i > 0, ValueComparison.compareText(dictionary[order[i - 1]], dictionary[code]) != 0 { r += 1 }
                rank[code] = r
            }
            return .rankedText(codes: codes, rank: rank)
        case .reference, .values:
            return nil
        }
    }

    /// Three-way comparison of two rows (given by position in `rows`) on one
    /// key, nulls last whatever the direction.
    @inline(__always)
    func compare(_ key: Key, _ a: Int, _ b: Int, descending: Bool) -> Int {
        func ordered<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        let ra = rows[a], rb = rows[b]
        var nullA = false, nullB = false
        var o = 0
        switch key {
        case let .integers(v, nulls):
            nullA = nulls?[ra] ?? false; nullB = nulls?[rb] ?? false
            if !nullA && !nullB { o = ordered(v[ra], v[rb]) }
        case let .decimals(v, nulls):
            nullA = nulls?[ra] ?? false; nullB = nulls?[rb] ?? false
            if !nullA && !nullB { o = ordered(v[ra], v[rb]) }
        case let .dates(v):
            nullA = v[ra] == 0; nullB = v[rb] == 0
            if !nullA && !nullB { o = ordered(v[ra], v[rb]) }
        case let .booleans(v):
            nullA = v[ra] < 0; nullB = v[rb] < 0
            if !nullA && !nullB { o = ordered(v[ra], v[rb]) }
        case let .rankedText(codes, rank):
            nullA = codes[ra] == Column.nullCode; nullB = codes[rb] == Column.nullCode
            if !nullA && !nullB { o = ordered(rank[Int(codes[ra])], rank[Int(codes[rb])]) }
        case let .text(codes, dictionary):
            nullA = codes[ra] == Column.nullCode; nullB = codes[rb] == Column.nullCode
            if !nullA && !nullB { o = ValueComparison.compareText(dictionary[Int(codes[ra])], dictionary[Int(codes[rb])]) }
        case let .values(v):
            nullA = v[a].isNull; nullB = v[b].isNull
            if !nullA && !nullB { o = ValueComparison.sortOrder(v[a], v[b]) }
        }
        if nullA || nullB { return nullA == nullB ? 0 : (nullA ? 1 : -1) }
        return descending ? -o : o
    }

    /// Whether the row at position `a` comes before the one at `b`; ties keep the data's order.
    func less(_ a: Int, _ b: Int) -> Bool {
        for (key, descending) in keys {
            let o = compare(key, a, b, descending: descending)
            if o != 0 { return o < 0 }
        }
        return a < b
    }

    /// One key that orders like an integer (numbers, dates, ranked text):
    /// each candidate's sort key as one Int, nulls last, reversed for `desc`.
    func integerKeys() -> [Int]? {
        guard keys.count == 1 else { return nil }
        let (key, descending) = keys[0]
        var out = [Int](repeating: Int.max, count: rows.count)
        // `~x` reverses the order of Ints without overflow; nulls stay Int.max, last either way.
        switch key {
        case let .integers(v, nulls):
            for (p, row) in rows.enumerated() where !(nulls?[row] ?? false) { out[p] = descending ? ~v[row] : v[row] }
        case let .dates(v):
            for (p, row) in rows.enumerated() where v[row] != 0 { out[p] = descending ? ~Int(v[row]) : Int(v[row]) }
        case let .rankedText(codes, rank):
            for (p, row) in rows.enumerated() where codes[row] != Column.nullCode {
                let r = Int(rank[Int(codes[row])])
                out[p] = descending ? ~r : r
            }
        default:
            return nil
        }
        return out
    }

    /// The rows in order, or only the first `limit` of them (one-pass top-k).
    /// `isCancelled` is asked every 65,536 comparisons (or positions): a
    /// sort of millions of texts stops within milliseconds of a Ctrl-C.
    func sorted(limit: Int?, isCancelled: () -> Bool = { false }) throws(Diagnostic) -> [Int] {
        if let limit, limit >= 0, limit < rows.count / 8 {
            // Two calls, so that each closure is specialized into the heap's loop.
            let top: [Int]?
            if let ints = integerKeys() {
                top = RowOrder.topK(limit, count: rows.count, keys: ints, isCancelled: isCancelled) { $0 < $1 }
            } else {
                top = RowOrder.topK(limit, count: rows.count, keys: nil, isCancelled: isCancelled, before: less)
            }
            guard let top else { throw Diagnostic(.cancelled) }
            return top.map { rows[$0] }
        }
        var comparisons = 0
        struct Cancelled: Error {}
        do {
            return try rows.indices.sorted { a, b in
                comparisons &+= 1
                if comparisons & 0xFFFF == 0, isCancelled() { throw Cancelled() }
                return less(a, b)
            }.map { rows[$0] }
        } catch {
            throw Diagnostic(.cancelled)
        }
    }

    /// The k first of `count` positions in one pass, with a bounded heap:
    /// N log k instead of sorting everything for `order by … limit k`. With
    /// `keys` (one Int per position that orders it, see `integerKeys`), a
    /// position is turned away by one comparison with the heap's root, and
    /// `before` only breaks ties; without, `before` is the whole order.
    /// Ties keep the data's order (a later position never displaces an equal one).
    /// Nil when `isCancelled` said yes (asked every 65,536 positions).
    static func topK(_ k: Int, count: Int, keys: [Int]?, isCancelled: () -> Bool = { false },
                     before: (Int, Int) -> Bool) -> [Int]? {
        guard k > 0 else { return [] }
        typealias Entry = (key: Int, position: Int)
        @inline(__always) func first(_ a: Entry, _ b: Entry) -> Bool {
            a.key < b.key || (a.key == b.key && before(a.position, b.position))
        }
        var heap: [Entry] = []  // a max-heap: the root is the worst kept
        heap.reserveCapacity(k)
        let keyed = keys != nil, ints = keys ?? []
        for p in 0..<count {
            if p & 0xFFFF == 0xFFFF, isCancelled() { return nil }
            // Most positions lose to the root on their key alone: one comparison turns them away.
            if keyed, heap.count == k, ints[p] > heap[0].key { continue }
            let e = (key: keyed ? ints[p] : 0, position: p)
            if heap.count < k {
                heap.append(e)
                var i = heap.count - 1
                while i > 0, first(heap[(i - 1) / 2], heap[i]) {
                    heap.swapAt(i, (i - 1) / 2)
                    i = (i - 1) / 2
                }
            } else if first(e, heap[0]) {
                heap[0] = e
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var w = i
                    if l < heap.count, first(heap[w], heap[l]) { w = l }
                    if r < heap.count, first(heap[w], heap[r]) { w = r }
                    if w == i { break }
                    heap.swapAt(i, w)
                    i = w
                }
            }
        }
        return heap.sorted(by: first).map(\.position)
    }
}
