import TextWidth

extension DatasetLoader.LoadError {
    /// The error as a terminal shows it. Its message is escaped where the
    /// description is made; the file name, which may hold anything but `/`
    /// and NUL, is escaped here.
    public var shown: String {
        var e = self
        e.path = Printable.escapeControls(path)
        return e.description
    }
}
