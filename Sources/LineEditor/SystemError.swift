#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An errno value, kept so a warning can say what the system said.
struct SystemError: Error, Equatable {
    var code: Int32

    /// The error of the system call that just failed.
    static var current: SystemError { SystemError(code: errno) }

    /// strerror(3)'s text, e.g. "No space left on device".
    var message: String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
