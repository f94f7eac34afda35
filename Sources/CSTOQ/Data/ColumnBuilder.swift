/// Collects one column's values while a dataset loads, in the typed arrays
/// `Column` keeps; `finish()` hands them over.
struct ColumnBuilder {
    let type: FieldType
    var interner = TextInterner()
    var codes: [UInt32] = []
    var ints: [Int] = []
    var doubles: [Double] = []
    var nullRows: [Int] = []
    var bools: [Int8] = []
    var dates: [Int32] = []
    /// For references: the interned id of each row (-1 null), resolved later.
    var refCodes: [Int32] = []
    var refOffsets: [Int] = []
    var values: [Value] = []

    init(type: FieldType) {
        self.type = type
    }

    /// Past this many rows, a column whose values are mostly distinct (names,
    /// ids) stops looking values up: each row gets its own string, which costs
    /// far less than a hash table the size of the column.
    static let samplingRows = 4096
    private(set) var interning = true
    var plainStrings: [String] = []

    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> (code: UInt32, isNew: Bool)? {
        if interning {
            guard let r = interner.intern(bytes) else { return nil }
            codes.append(r.code)
            if codes.count == ColumnBuilder.samplingRows, interner.count * 2 > codes.count {
                interning = false
                plainStrings = interner.strings
                // One string a row from now on: room for all the rows reserved.
                plainStrings.reserveCapacity(reservedRows)
            }
            return r
        }
        guard let s = makeString(bytes) else { return nil }
        codes.append(UInt32(plainStrings.count))
        plainStrings.append(s)
        return (UInt32(plainStrings.count - 1), true)
    }

    mutating func stopInterning() { interning = false }

    /// The rows `reserve` made room for.
    private(set) var reservedRows = 0

    mutating func reserve(_ n: Int) {
        reservedRows = n
        switch type {
        case .text: codes.reserveCapacity(n); if !interning { plainStrings.reserveCapacity(n) }
        case .integer: ints.reserveCapacity(n)
        case .decimal: doubles.reserveCapacity(n)
        case .boolean: bools.reserveCapacity(n)
        case .date: dates.reserveCapacity(n)
        case .reference: refCodes.reserveCapacity(n); refOffsets.reserveCapacity(n)
        case .list: values.reserveCapacity(n)
        }
    }

    /// The distinct strings the codes point into.
    var dictionary: [String] { interning ? interner.strings : plainStrings }

    mutating func appendNull() {
        switch type {
        case .text: codes.append(Column.nullCode)
        case .integer:
            nullRows.append(ints.count)
            ints.append(0)
        case .decimal:
            nullRows.append(doubles.count)
            doubles.append(0)
        case .boolean: bools.append(-1)
        case .date: dates.append(0)
        case .reference:
            refCodes.append(-1)
            refOffsets.append(0)
        case .list: values.append(.null)
        }
    }

    /// Appends a column read from later records (the second half of a
    /// two-thread read): texts and referenced ids are looked up again in this
    /// builder's dictionary, positions of nulls shifted.
    mutating func append(_ other: ColumnBuilder) {
        switch type {
        case .text:
            if interning && other.interning {
                let map = other.interner.strings.map { interner.intern($0).code }
                codes += other.codes.map { $0 == Column.nullCode ? $0 : map[Int($0)] }
            } else {
                if interning {
                    plainStrings = interner.strings
                    interning = false
                }
                let base = UInt32(plainStrings.count)
                plainStrings += other.dictionary
                codes += other.codes.map { $0 == Column.nullCode ? $0 : $0 + base }
            }
        case .integer:
            nullRows += other.nullRows.map { $0 + ints.count }
            ints += other.ints
        case .decimal:
            nullRows += other.nullRows.map { $0 + doubles.count }
            doubles += other.doubles
        case .boolean: bools += other.bools
        case .date: dates += other.dates
        case .reference:
            let map = other.interner.strings.map { Int32(interner.intern($0).code) }
            refCodes += other.refCodes.map { $0 < 0 ? $0 : map[Int($0)] }
            refOffsets += other.refOffsets
        case .list: values += other.values
        }
    }

    func nullBitmap(_ count: Int) -> Bitmap? {
        guard !nullRows.isEmpty else { return nil }
        var b = Bitmap(count: count)
        for r in nullRows { b[r] = true }
        return b
    }

    func finish() -> Column {
        switch type {
        case .text: Column(.text(codes: codes, dictionary: dictionary), dictionaryIsDistinct: interning)
        case .integer: Column(.integer(ints, nulls: nullBitmap(ints.count)))
        case .decimal: Column(.decimal(doubles, nulls: nullBitmap(doubles.count)))
        case .boolean: Column(.boolean(bools))
        case .date: Column(.date(dates))
        // Placeholder rows until resolveReferences() fills them in.
        case .reference: Column(.reference(target: 0, rows: refCodes))
        case .list: Column(.values(values))
        }
    }
}
