#if canImport(Glibc)
import Glibc
#endif
import CSTOQ

/// How much of the processors other programs took while the benchmark ran:
/// the machine's busy time (from /proc/stat) less the CPU time of this
/// process and the programs it ran. Wall times measured while other work
/// competes for two cores are slower and noisier; the table says so.
struct CompetingWork {
    private let startBusy: Double
    private let startOwn: Double
    private let startTime: Double
    static let cores = Double(sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    init() {
        startBusy = CompetingWork.machineBusySeconds()
        startOwn = CompetingWork.ownSeconds()
        startTime = ChildProcess.now()
    }

    /// Busy seconds of all processors since boot: user, nice, system, irq, softirq, steal.
    static func machineBusySeconds() -> Double {
        guard let bytes = try? FileReader.read("/proc/stat"),
              let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first else { return .nan }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return .nan }
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds of this process and of the children it has waited for.
    static func ownSeconds() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
            var usage = rusage()
            getrusage(__rusage_who_t(who.rawValue), &usage)
            total += Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return total
    }

    /// The share of the machine other programs used since `init`, 0…1.
    var share: Double {
        let elapsed = ChildProcess.now() - startTime
        let others = (CompetingWork.machineBusySeconds() - startBusy) - (CompetingWork.ownSeconds() - startOwn)
        return Swift.max(0, others) / (elapsed * CompetingWork.cores)
    }

    func note() -> String {
        let s = share
        guard !s.isNaN else { return "how busy the machine was is unknown" }
        let used = String(format1: s * 100, "other programs used %.0f%% of the processors during the run")
        return used + (s > 0.10 ? ": they competed with the benchmark, so its wall times are slower and noisier than on a quiet machine (CPU times much less so)"
                                : " (a quiet machine)")
    }
}
