import CEditLineShims

/// The C entry points libedit calls. They capture nothing (C function
/// pointers cannot) and find their editor through EL_CLIENTDATA.
extension LineEditor {
    static let promptCallback: cstoq_prompt_function = { editLine in
        guard let editor = LineEditor.owner(of: editLine) else {
            // libedit prints whatever we return; never hand it NULL.
            return UnsafeMutableRawPointer(mutating: ("" as StaticString).utf8Start)
                .assumingMemoryBound(to: CChar.self)
        }
        return editor.promptText
    }

    static let completeCallback: cstoq_command_function = { editLine, _ in
        guard let editor = LineEditor.owner(of: editLine) else { return UInt8(CC_ERROR) }
        return editor.complete()
    }

    static let prefillCallback: cstoq_command_function = { editLine, _ in
        guard let editor = LineEditor.owner(of: editLine), let text = editor.pendingPrefill else {
            return UInt8(CC_NORM)
        }
        editor.pendingPrefill = nil
        return el_insertstr(editor.editLine, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
    }
}
