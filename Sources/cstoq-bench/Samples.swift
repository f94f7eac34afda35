/// Repeated measurements of one thing (seconds, or any other unit) and the
/// figures the table shows: median and min–max. The median, not the mean:
/// one run slowed by the machine should not move the figure.
struct Samples {
    var values: [Double] = []

    init(_ values: [Double] = []) {
        self.values = values
    }

    var isEmpty: Bool { values.isEmpty }
    mutating func append(_ v: Double) { values.append(v) }

    var median: Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }
}

/// A small timing harness for code that runs in this process: a few runs to
/// warm caches and lazily built state, then timed repetitions. Each timed run
/// gives the body's result to `consume`, so the optimiser cannot drop the work.
struct Harness {
    var warmUp: Int
    var repetitions: Int

    func measure<R, E: Error>(_ body: () throws(E) -> R, consume: (R) -> Void = { _ in }) throws(E) -> Samples {
        for _ in 0..<warmUp { consume(try body()) }
        var samples = Samples()
        for _ in 0..<repetitions {
            let start = ChildProcess.now()
            let r = try body()
            samples.append(ChildProcess.now() - start)
            consume(r)
        }
        return samples
    }
}

/// How figures are written in the table.
enum Figure {
    /// 0.43 ms, 12.3 ms, 456 ms, 1.23 s.
    static func duration(_ seconds: Double) -> String {
        if seconds.isNaN { return "–" }
        let ms = seconds * 1000
        if ms < 1 { return String(format1: ms, "%.3f ms") }
        if ms < 10 { return String(format1: ms, "%.2f ms") }
        if ms < 100 { return String(format1: ms, "%.1f ms") }
        if ms < 1000 { return String(format1: ms, "%.0f ms") }
        return String(format1: seconds, "%.2f s")
    }

    /// median (min–max)
    static func durations(_ s: Samples) -> String {
        guard !s.isEmpty else { return "–" }
        if s.values.count == 1 { return duration(s.median) }
        return "\(duration(s.median)) (\(duration(s.min))–\(duration(s.max)))"
    }

    static func megabytes(_ mb: Double) -> String {
        mb < 100 ? String(format1: mb, "%.1f MB") : String(format1: mb, "%.0f MB")
    }

    static func ratio(_ r: Double) -> String {
        if r.isNaN || r.isInfinite { return "–" }
        return r < 10 ? String(format1: r, "%.2f×") : String(format1: r, "%.0f×")
    }

    static func throughput(_ mbPerSecond: Double) -> String {
        String(format1: mbPerSecond, "%.0f MB/s")
    }

    static func count(_ n: Int) -> String {
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return String(digits)
    }
}
