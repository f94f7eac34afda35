import CEditLineShims

/// Tab: ask the completer, then act on its answer (`CompletionPlan`).
extension LineEditor {
    func complete() -> UInt8 {
        guard let completer else { return UInt8(CC_ERROR) }
        let line = el_line(editLine).pointee
        let before = Self.text(from: line.buffer, to: line.cursor)

        switch CompletionPlan.make(lineBeforeCursor: before, result: completer(before)) {
        case .beep:
            // CC_ERROR is how a command asks libedit to beep.
            return UInt8(CC_ERROR)
        case .replace(let deleteCount, var insertion):
            if deleteCount > 0 { el_deletestr(editLine, Int32(clamping: deleteCount)) }
            // Completing mid-line before a blank: step over that blank instead of adding one.
            let overBlank = insertion.hasSuffix(" ") && line.cursor < line.lastchar && line.cursor.pointee == 0x20
            if overBlank { insertion.removeLast() }
            guard el_insertstr(editLine, insertion) == 0 else { return UInt8(CC_ERROR) }
            if overBlank { _ = el_cursor(editLine, 1) }
            return UInt8(CC_REFRESH)
        case .list(let candidates, let more):
            // Below everything typed, then let libedit draw the line afresh.
            moveTerminalCursorToEndOfLine()
            var lines = CompletionLayout.columns(candidates, width: columns)
            if more > 0 { lines.append("… and \(more) more: type more of the value to narrow them") }
            cstoq_el_write(editLine, "\n" + lines.joined(separator: "\n") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Moves the terminal's cursor from the editing point to the end of the
    /// typed text by printing again what follows the cursor (it lands on the
    /// same cells), so that output after it does not overwrite the line.
    func moveTerminalCursorToEndOfLine() {
        let line = el_line(editLine).pointee
        let after = Self.text(from: line.cursor, to: line.lastchar)
        guard !after.isEmpty else { return }
        cstoq_el_write(editLine, Self.drawnAsLibeditDoes(after))
    }

    /// Text as libedit draws it on the line: control characters, C1 ones
    /// too, as ^X (its ct_visual_char: `^` and the code with bit 0x40 set),
    /// DEL as ^?; so no raw control reaches the terminal from here either.
    static func drawnAsLibeditDoes(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x80..<0xA0).contains(scalar.value), scalar != "\n", scalar != "\t" {
                shown += "^" + String(UnicodeScalar(UInt8(scalar.value | 0x40)))
            } else if scalar.value == 0x7F {
                shown += "^?"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private static func text(from start: UnsafePointer<CChar>?, to end: UnsafePointer<CChar>?) -> String {
        guard let start, let end, end > start else { return "" }
        let bytes = UnsafeRawBufferPointer(start: start, count: end - start)
        return String(decoding: bytes, as: UTF8.self)
    }
}
