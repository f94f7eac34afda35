import TextWidth
#if canImport(Glibc)
import Glibc
#endif

/// Kinds and references set by hand for data files: `--kind items.zip=text`,
/// `--ref items.city=cities` (on the command line and after `.load`).
public struct DataFileSettings: Sendable, Equatable {
    public struct Kind: Sendable, Equatable {
        public var collection: String
        public var field: String
        public var kind: FieldType
    }

    public struct Reference: Sendable, Equatable {
        public var collection: String
        public var field: String
        public var target: String
    }

    public var kinds: [Kind] = []
    public var references: [Reference] = []
    /// `--in-place`: a SQLite file is queried where it is, not loaded
    /// (as any SQLite file of `SQLiteInPlace.inPlaceSize` or more is).
    public var inPlace = false

    public init() {}

    /// A setting written wrong: what to write instead.
    public struct Problem: Error, Sendable, Equatable {
        public var text: String
    }

    /// The kinds a field can be set to.
    public static let settableKinds: [FieldType] = [.text, .integer, .decimal, .boolean, .date]

    /// `COLLECTION.FIELD=KIND`; the error says what was wrong.
    public static func kind(_ spec: String) -> Result<Kind, Problem> {
        guard let (c, f, value) = split(spec) else {
            return .failure(Problem(text: "--kind takes COLLECTION.FIELD=KIND, as in --kind items.zip=text; found '\(spec)'"))
        }
        guard let kind = FieldType(declaration: ValueComparison.fold(value)), settableKinds.contains(kind) else {
            return .failure(Problem(text: "unknown kind '\(value)' in --kind \(spec): use text, integer, decimal, boolean or date (a reference is set with --ref)"))
        }
        return .success(Kind(collection: c, field: f, kind: kind))
    }

    /// `COLLECTION.FIELD=TARGET`.
    public static func reference(_ spec: String) -> Result<Reference, Problem> {
        guard let (c, f, target) = split(spec), !target.isEmpty else {
            return .failure(Problem(text: "--ref takes COLLECTION.FIELD=COLLECTION, as in --ref items.city=cities; found '\(spec)'"))
        }
        return .success(Reference(collection: c, field: f, target: ValueComparison.fold(target)))
    }

    private static func split(_ spec: String) -> (String, String, String)? {
        let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let path = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard path.count == 2, !path[0].isEmpty, !path[1].isEmpty else { return nil }
        return (ValueComparison.fold(String(path[0])), ValueComparison.fold(String(path[1])), String(parts[1]))
    }

    /// The settings as written on a command line.
    public var arguments: [String] {
        kinds.map { "--kind \($0.collection).\($0.field)=\($0.kind)" } + references.map { "--ref \($0.collection).\($0.field)=\($0.target)" }
    }
}

/// What a load gives: the dataset and the lines that sum it up (one per
/// file, then notes: kinds that mixed, names made valid, references to add).
public struct LoadedData: Sendable {
    public var dataset: Dataset
    public var summary: [String]
    /// The summary without the line of a dataset in cstoq's format (`--check` names it by its title).
    public var fileSummary: [String]
}

extension LoadedData {
    /// The summary's lines fitted to a terminal `width` columns wide (nil: as
    /// they are): a long line breaks at a blank, and its continuation is
    /// indented under the text after `note: ` (or the line's own indent).
    public static func fitted(_ lines: [String], width: Int?) -> [String] {
        guard let width, width > 20 else { return lines }
        var out: [String] = []
        for line in lines {
            let lead = line.prefix { $0 == " " }.count
            let indent = lead + (line.dropFirst(lead).hasPrefix("note: ") ? 6 : 2)
            let first = DisplayWidth.wrap(line, to: width)
            guard first.count > 1 else { out.append(line); continue }
            out.append(first[0].trimmingTrailingBlanks)
            let rest = first.dropFirst().joined()
            out += DisplayWidth.wrap(rest, to: width - indent).map { String(repeating: " ", count: indent) + $0.trimmingTrailingBlanks }
        }
        return out
    }
}

extension String {
    fileprivate var trimmingTrailingBlanks: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// The kinds of file `--data` and `.load` read.
public enum DataFileKind: Sendable, Equatable {
    case cstoqDataset
    case csv(delimiter: UInt8?)
    case ndjson
    case jsonArray
    case sqlite

    /// The extensions of data files, for completion and for telling a data
    /// file given like a script (`cstoq items.csv`) from a script.
    public static let extensions = ["csv", "tsv", "tab", "ndjson", "jsonl", "json", "db", "sqlite", "sqlite3"]

    /// By the file's first bytes, then its extension: SQLite's header is a
    /// database whatever the name; `.csv` is CSV (delimiter sniffed), `.tsv`
    /// and `.tab` tab-separated, `.ndjson` and `.jsonl` NDJSON, `.db`,
    /// `.sqlite`, `.sqlite3` SQLite; a `.json` (or any other file) starting
    /// with `[` is an array of records, with `{` cstoq's format when its first
    /// key is `cstoq`, `$schema` or `title` and NDJSON otherwise; anything else is CSV.
    static func of(path: String, start: [UInt8]) -> DataFileKind {
        if SQLiteImport.isDatabase(header: start) { return .sqlite }
        let name = ValueComparison.fold(String(path.split(separator: "/").last ?? ""))
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!) : ""
        switch ext {
        case "csv": return .csv(delimiter: nil)
        case "tsv", "tab": return .csv(delimiter: 0x09)
        case "ndjson", "jsonl": return .ndjson
        case "db", "sqlite", "sqlite3": return .sqlite
        default: break
        }
        var i = CSVScanner.bomLength(start.withUnsafeBufferPointer { $0 })
        while i < start.count, [0x20, 0x0A, 0x0D, 0x09].contains(start[i]) { i += 1 }
        guard i < start.count else { return ext == "json" ? .cstoqDataset : .csv(delimiter: nil) }
        if start[i] == UInt8(ascii: "[") { return .jsonArray }
        if start[i] == UInt8(ascii: "{") {
            var j = i + 1
            while j < start.count, [0x20, 0x0A, 0x0D, 0x09].contains(start[j]) { j += 1 }
            let rest = start[j...]
            for key in ["\"cstoq\"", "\"$schema\"", "\"title\"", "\"collections\""] where rest.starts(with: Array(key.utf8)) {
                return .cstoqDataset
            }
            return ext == "json" && !rest.starts(with: Array("\"".utf8)) ? .cstoqDataset : .ndjson
        }
        return ext == "json" ? .cstoqDataset : .csv(delimiter: nil)
    }
}

/// Loads data files side by side into one dataset: each CSV, TSV, NDJSON
/// or JSON array file one collection named after it, each SQLite file one
/// per table, and at most one dataset in cstoq's own format (its collections
/// first). Then the references: SQLite's foreign keys and those set with
/// `--ref`; and for each column whose values are all ids of another
/// collection, the summary suggests one.
public enum DataFiles {
    public static func load(_ paths: [String], settings: DataFileSettings = DataFileSettings(),
                            isCancelled: @escaping @Sendable () -> Bool = { false }) throws(DatasetLoader.LoadError) -> LoadedData {
        var own: (path: String, dataset: Dataset)?
        var tables: [(file: String, table: ImportedTable, foreignKeys: [SQLiteImport.ForeignKey], tableNames: [String: String])] = []
        var kindsByCollection: [String: [String: FieldType]] = [:]
        for k in settings.kinds { kindsByCollection[k.collection, default: [:]][k.field] = k.kind }
        var taken = Set<String>()
        var renamedCollections: [String] = []
        func unique(_ name: String) -> String {
            var n = name, k = 2
            while taken.contains(n) { n = "\(name)_\(k)"; k += 1 }
            taken.insert(n)
            return n
        }

        for path in paths {
            let start = try head(of: path)
            let kind = DataFileKind.of(path: path, start: start)
            if kind == .sqlite {
                let read: [SQLiteImport.Table]
                do { read = try SQLiteImport.read(path: path, file: path, kinds: kindsByCollection, isCancelled: isCancelled) } catch {
                    throw loadError(error, path: path, bytes: nil)
                }
                var names: [String: String] = [:]
                for t in read { names[ValueComparison.fold(t.imported.collection.name)] = t.imported.collection.name }
                for var t in read {
                    let original = t.imported.collection.name
                    t.imported.collection.name = unique(original)
                    if t.imported.collection.name != original { renamedCollections.append("\(original) → \(t.imported.collection.name)") }
                    // Foreign keys name tables: as collections.
                    let tableNames = Dictionary(read.map { (ValueComparison.fold(tableName(of: $0)), $0.imported.collection.name) }, uniquingKeysWith: { a, _ in a })
                    tables.append((path, t.imported, t.foreignKeys, tableNames))
                }
                _ = names
                continue
            }
            if kind == .cstoqDataset {
                let bytes: [UInt8]
                do { bytes = try FileReader.read(path) } catch { throw DatasetLoader.LoadError(path: path, message: error.message) }
                if let own { throw DatasetLoader.LoadError(path: path, message: .importTwoDatasets(first: own.path, second: path)) }
                let dataset = try DatasetLoader.load(bytes: bytes, name: path, isCancelled: isCancelled)
                for c in dataset.collections { taken.insert(c.name) }
                own = (path, dataset)
                continue
            }
            let file: MappedFile
            do { file = try MappedFile(path: path) } catch { throw DatasetLoader.LoadError(path: path, message: error.message) }
            let collection = ImportNames.collection(forFile: path)
            let table: ImportedTable
            do {
                switch kind {
                case let .csv(delimiter):
                    table = try CSVImport.read(file.bytes, file: path, collection: collection, delimiter: delimiter,
                                               kinds: kindsByCollection[collection] ?? [:], isCancelled: isCancelled)
                default:
                    table = try JSONRecordsImport.read(file.bytes, file: path, collection: collection, lineDelimited: kind == .ndjson,
                                                       kinds: kindsByCollection[collection] ?? [:], isCancelled: isCancelled)
                }
            } catch {
                throw loadError(error, path: path, bytes: Array(file.bytes))
            }
            // The mapping stays until here: the readers scan it (what they keep, they copied).
            withExtendedLifetime(file) {}
            var t = table
            t.collection.name = unique(collection)
            if t.collection.name != collection { renamedCollections.append("\(path) is \(t.collection.name): \(collection) is taken") }
            tables.append((path, t, [], [:]))
        }

        // The settings must name what was loaded.
        let ownNames = Set(own?.dataset.collections.map(\.name) ?? [])
        for k in settings.kinds {
            if ownNames.contains(k.collection) { throw settingError(.importFieldIsDeclared(field: k.field, collection: k.collection), paths) }
            guard let t = tables.first(where: { $0.table.collection.name == k.collection }) else {
                throw settingError(.importNoSuchCollection(k.collection, setting: "--kind"), paths)
            }
            guard t.table.collection.fieldIndex(named: k.field) != nil, k.field != DatasetCollection.idField else {
                throw settingError(.importNoSuchField(field: k.field, collection: k.collection, setting: "--kind"), paths)
            }
        }

        var collections = own?.dataset.collections ?? []
        let firstFile = collections.count
        collections += tables.map(\.table.collection)
        let title = own?.dataset.title ?? paths.map { String($0.split(separator: "/").last ?? Substring($0)) }.joined(separator: ", ")
        var dataset = Dataset(title: title, article: own?.dataset.article, collections: collections)
        var notes: [Int: [String]] = [:]
        var numbered = Set<Int>()
        for (i, t) in tables.enumerated() where t.table.idsAreRowNumbers { numbered.insert(firstFile + i) }

        // SQLite's foreign keys: references where every value is an id.
        for (i, t) in tables.enumerated() {
            for fk in t.foreignKeys {
                let c = firstFile + i
                guard let targetName = t.tableNames[ValueComparison.fold(fk.target)], let target = dataset.collectionIndex(named: targetName),
                      let f = dataset.collections[c].fieldIndex(named: fk.field) else { continue }
                if let missing = dataset.link(collection: c, field: f, to: target) {
                    notes[c, default: []].append("\(fk.field) is not a reference to \(targetName): \(missing.value) (\(dataset.collections[c].origin?.place(of: missing.row) ?? "row \(missing.row + 1)")) is no id there")
                }
            }
        }
        // References set by hand.
        for r in settings.references {
            guard let c = dataset.collectionIndex(named: r.collection), c >= firstFile else {
                if ownNames.contains(r.collection) { throw settingError(.importFieldIsDeclared(field: r.field, collection: r.collection), paths) }
                throw settingError(.importNoSuchCollection(r.collection, setting: "--ref"), paths)
            }
            guard let f = dataset.collections[c].fieldIndex(named: r.field), f > 0 else {
                throw settingError(.importNoSuchField(field: r.field, collection: r.collection, setting: "--ref"), paths)
            }
            guard let target = dataset.collectionIndex(named: r.target) else {
                throw settingError(.importNoSuchCollection(r.target, setting: "--ref"), paths)
            }
            if numbered.contains(target) { throw settingError(.importRefTargetIsRowNumbers(target: r.target), paths) }
            if let missing = dataset.link(collection: c, field: f, to: target) {
                let origin = dataset.collections[c].origin
                var error = DatasetLoader.LoadError(path: origin?.file ?? r.collection,
                                                    message: .recordDanglingReference(field: r.field, collection: r.collection, id: missing.value, target: r.target))
                if case let .lines(_, lines)? = origin { error.line = Int(lines[missing.row]); error.column = 1 }
                throw error
            }
        }

        // The summary: a line per file, its notes, and references to consider.
        var summary: [String] = []
        var byFile: [(String, [Int])] = []
        for (i, t) in tables.enumerated() {
            if let k = byFile.firstIndex(where: { $0.0 == t.file }) { byFile[k].1.append(firstFile + i) } else { byFile.append((t.file, [firstFile + i])) }
        }
        for (file, indices) in byFile {
            let shownFile = Printable.escapeControls(file)
            if indices.count == 1 {
                summary.append("loaded \(shownFile): " + fieldSummary(dataset.collections[indices[0]], named: false))
            } else {
                summary.append("loaded \(shownFile): \(indices.count) tables")
                for c in indices { summary.append("  " + fieldSummary(dataset.collections[c], named: true)) }
            }
            for c in indices {
                let t = tables[c - firstFile]
                for note in t.table.notes + (notes[c] ?? []) {
                    summary.append("  note: " + (indices.count > 1 ? "\(dataset.collections[c].name): " : "") + note)
                }
                for s in suggestions(dataset, collection: c, numbered: numbered) { summary.append("  note: " + s) }
            }
        }
        for r in renamedCollections { summary.append("  note: " + Printable.escapeControls(r)) }
        let ownLine = own.map { ["loaded \(Printable.escapeControls($0.path)): " + Describer(dataset: $0.dataset).summary()] } ?? []
        return LoadedData(dataset: dataset, summary: ownLine + summary, fileSummary: summary)
    }

    /// `1,000,000 records, 7 fields (name text, score integer, …)`.
    static func fieldSummary(_ c: DatasetCollection, named: Bool) -> String {
        let fields = c.fields.dropFirst()
        let shown = fields.prefix(8).map { "\($0.name) \($0.type)" }
        let more = fields.count > 8 ? ", … \(fields.count - 8) more" : ""
        return (named ? "\(c.name): " : "") + "\(Describer.grouped(c.count)) \(c.count == 1 ? "record" : "records"), "
            + "\(fields.count) \(fields.count == 1 ? "field" : "fields") (" + Printable.escapeControls(shown.joined(separator: ", ")) + more + ")"
            + (named || c.name == ImportNames.collection(forFile: c.origin?.file ?? "") ? "" : " as \(c.name)")
    }

    /// Columns whose every value is an id of another collection (one with ids of its own).
    static func suggestions(_ dataset: Dataset, collection c: Int, numbered: Set<Int>) -> [String] {
        let col = dataset.collections[c]
        var out: [String] = []
        let targets = dataset.collections.indices.filter { $0 != c && !numbered.contains($0) && dataset.collections[$0].count > 0 }
        guard !targets.isEmpty else { return [] }
        for (f, field) in col.fields.enumerated().dropFirst() where field.type == .text || field.type == .integer {
            var values = Set<String>()
            switch col.columns[f].storage {
            case let .text(codes, dictionary):
                var used = [Bool](repeating: false, count: dictionary.count)
                for code in codes where code != Column.nullCode { used[Int(code)] = true }
                for (i, s) in dictionary.enumerated() where used[i] { values.insert(ValueComparison.fold(s)) }
            case let .integer(v, nulls):
                for (i, x) in v.enumerated() where !(nulls?[i] ?? false) { values.insert(String(x)) }
            default: continue
            }
            guard !values.isEmpty else { continue }
            for t in targets {
                let target = dataset.collections[t]
                guard values.count <= target.count else { continue }
                let ids = Set(target.ids.map(ValueComparison.fold))
                if values.isSubset(of: ids) {
                    out.append("\(col.name).\(field.name) holds ids of \(target.name): --ref \(col.name).\(field.name)=\(target.name) makes it a reference (paths like \(field.name).\(target.fields.dropFirst().first?.name ?? "id") then work)")
                    break
                }
            }
        }
        return out
    }

    static func tableName(of t: SQLiteImport.Table) -> String {
        if case let .table(_, table, _)? = t.imported.collection.origin { return table }
        return t.imported.collection.name
    }

    /// The first bytes of a file, to tell its kind (errors as a load would give them).
    static func head(of path: String) throws(DatasetLoader.LoadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            let message: Message = switch e {
            case ENOENT, ENOTDIR: .fileNotFound(path: path)
            case EISDIR: .fileIsFolder(path: path)
            default: .fileNotReadable(path: path, reason: FileReader.describe(errno: e))
            }
            throw DatasetLoader.LoadError(path: path, message: message)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 512) }
        if n < 0, errno == EISDIR { throw DatasetLoader.LoadError(path: path, message: .fileIsFolder(path: path)) }
        return Array(buffer.prefix(max(0, n)))
    }

    static func loadError(_ f: ImportFailure, path: String, bytes: [UInt8]?) -> DatasetLoader.LoadError {
        var e = DatasetLoader.LoadError(path: path, message: f.message)
        if let offset = f.offset, let bytes {
            let (line, column) = SourceText(name: path, bytes: bytes).location(of: offset)
            e.line = line
            e.column = column
        } else if let line = f.line {
            e.message = f.message
            e.path = path + (bytes == nil ? " (rowid \(line))" : ":\(line)")
        }
        return e
    }

    static func settingError(_ m: Message, _ paths: [String]) -> DatasetLoader.LoadError {
        DatasetLoader.LoadError(path: paths.joined(separator: ", "), message: m)
    }
}

extension Dataset {
    /// Makes a text or integer field a reference to `target`, its values
    /// matched to the target's ids as `=` compares text. Nil when done; else
    /// the first value that is no id there (and the field is left as it was).
    mutating func link(collection c: Int, field f: Int, to target: Int) -> (value: String, row: Int)? {
        var ids: [String: Int32] = [:]
        for (row, id) in collections[target].ids.enumerated() { ids[ValueComparison.fold(id)] = Int32(row) }
        let column = collections[c].columns[f]
        var rows = [Int32](repeating: -1, count: column.count)
        for row in 0..<column.count {
            let key: String
            switch column[row] {
            case .null: continue
            case let .text(t): key = ValueComparison.fold(t)
            case let .integer(n): key = String(n)
            case let other: return (ValueText.plain(other), row)
            }
            guard let r = ids[key] else { return (ValueText.plain(column[row]), row) }
            rows[row] = r
        }
        collections[c].fields[f].type = .reference(collections[target].name)
        collections[c].columns[f] = Column(.reference(target: target, rows: rows))
        return nil
    }
}

