/// The dataset cstoq ships: the CSTO summit in Bishkek, 27 November 2025, as
/// told by one Italian article. Its text is summit.json beside this file,
/// compiled in by BuiltinDataset+JSON.swift.
public enum BuiltinDataset {
    public static let name = "summit.json"

    public static var bytes: [UInt8] {
        json.withUTF8Buffer { Array($0) }
    }

    /// The built-in dataset; it is checked by the test suite, so loading it cannot fail.
    public static func load() -> Dataset {
        do {
            return try DatasetLoader.load(bytes: bytes, name: name)
        } catch {
            fatalError("the built-in dataset does not load: \(error)")
        }
    }
}
