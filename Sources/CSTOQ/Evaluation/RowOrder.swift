/// `order by` for plain rows, on the columns themselves: each key becomes a
/// comparison of two rows by their typed values (texts of a small dictionary
/// by precomputed rank), so a million rows are ordered — or their top k
/// found — before any of them is turned into values for output.
struct RowOrder {
    enum Key {
        case integers([Int], nulls: Bitmap?)
        case decimals([Double], nulls: Bitmap?)
        case dates([Int32])
        case booleans([Int8])
        /// Codes into a dictionary whose order is given by `rank[code]`.
        case rankedText(codes: [UInt32], rank: [Int32])
        case text(codes: [UInt32], dictionary: [String])
        /// Anything else: the values, computed per candidate row (by position).
        case values([Value])
    }

    var keys: [(key: Key, descending: Bool)] = []
    /// The candidate rows; `.values` keys are aligned with these positions.
    let rows: [Int]

    init(_ q: CheckedQuery, rows: [Int], evaluator: Evaluator) {
        self.rows = rows
        let collection = evaluator.dataset.collections[q.collection]
        for k in q.orderBy {
            let expression: OutputExpression
            switch k.key {
            case let .column(c): expression = q.columns[c].expression
            case let .hidden(e): expression = e
            }
            if case let .path(p) = expression, p.steps.count == 1 {
                let column = collection.columns[p.steps[0].field]
                switch column.storage {
                case let .integer(v, nulls): keys.append((.integers(v, nulls: nulls), k.descending)); continue
                case let .decimal(v, nulls): keys.append((.decimals(v, nulls: nulls), k.descending)); continue
                case let .date(v): keys.append((.dates(v), k.descending)); continue
                case let .boolean(v): keys.append((.booleans(v), k.descending)); continue
                case let .text(codes, dictionary):
                    if dictionary.count <= 65_536 {
                        let order = dictionary.indices.sorted { ValueComparison.compareText(dictionary[$0], dictionary[$1]) < 0 }
                        // Texts equal under `=` share a rank, so they keep the data's order.
                        var rank = [Int32](repeating: 0, count: dictionary.count)
                        var r: Int32 = 0
                        for (i, code) in order.enumerated() {
                            if i > 0, ValueComparison.compareText(dictionary[order[i - 1]], dictionary[code]) != 0 { r += 1 }
                            rank[code] = r
                        }
                        keys.append((.rankedText(codes: codes, rank: rank), k.descending))
                    } else {
                        keys.append((.text(codes: codes, dictionary: dictionary), k.descending))
                    }
                    continue
                default: break
                }
            }
            let values = rows.map { evaluator.presentable(evaluator.value(of: expression, row: $0, collection: q.collection)) }
            keys.append((.values(values), k.descending))
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

    /// Top-k over integer keys in one pass: a row needs one comparison with
    /// the heap's root to be turned away. Ties keep the data's order (a later
    /// row never displaces an equal one).
    static func topK(_ k: Int, _ keys: [Int]) -> [Int] {
        var heap: [(key: Int, position: Int)] = []  // a max-heap: the root is the worst kept
        heap.reserveCapacity(k)
        func worse(_ a: (key: Int, position: Int), _ b: (key: Int, position: Int)) -> Bool {
            a.key > b.key || (a.key == b.key && a.position > b.position)
        }
        for (p, key) in keys.enumerated() {
            if heap.count < k {
                heap.append((key, p))
                var i = heap.count - 1
                while i > 0, worse(heap[i], heap[(i - 1) / 2]) {
                    heap.swapAt(i, (i - 1) / 2)
                    i = (i - 1) / 2
                }
            } else if key < heap[0].key {
                heap[0] = (key, p)
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var w = i
                    if l < heap.count, worse(heap[l], heap[w]) { w = l }
                    if r < heap.count, worse(heap[r], heap[w]) { w = r }
                    if w == i { break }
                    heap.swapAt(i, w)
                    i = w
                }
            }
        }
        return heap.sorted { worse($1, $0) }.map(\.position)
    }

    /// The rows in order, or only the first `limit` of them (one-pass top-k).
    func sorted(limit: Int?) -> [Int] {
        if let limit, limit > 0, limit < rows.count / 8, let ints = integerKeys() {
            return RowOrder.topK(limit, ints).map { rows[$0] }
        }
        let positions = Array(rows.indices)
        let ordered: [Int]
        if let limit, limit >= 0, limit < rows.count / 8 {
            ordered = TopK.smallest(limit, of: positions, by: less)
        } else {
            ordered = positions.sorted(by: less)
        }
        return ordered.map { rows[$0] }
    }
}
