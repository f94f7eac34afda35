#if canImport(Glibc)
import Glibc
#endif

/// One piece of work run on a thread of its own while the caller does
/// another: the second half of a big CSV file. A POSIX thread rather than a
/// Task because the loaders are synchronous functions called from
/// synchronous code (the CLI, the REPL), and waiting for a Task there would
/// need a semaphore around the concurrency runtime. `work` runs once, on the
/// thread or, if none could be started, in `wait()`; the caller reads nothing
/// the work touches until `wait()` returns (pthread_join orders the two).
final class BackgroundJob<Result>: @unchecked Sendable {
    private let thread: BackgroundThread
    private let box: Box

    private final class Box: @unchecked Sendable {
        var value: Result?
    }

    init(_ work: @escaping () -> Result) {
        let box = Box()
        self.box = box
        thread = BackgroundThread { box.value = work() }
    }

    func start() { thread.start() }

    func wait() -> Result {
        thread.wait()
        return box.value!
    }
}

/// The thread under `BackgroundJob` (not generic: the thread's entry point is a C function).
final class BackgroundThread: @unchecked Sendable {
    private var work: (() -> Void)?
    private var thread = pthread_t()
    private var running = false

    init(_ work: @escaping () -> Void) {
        self.work = work
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<BackgroundThread>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if created == 0 { running = true } else { Unmanaged<BackgroundThread>.fromOpaque(context).release() }
    }

    private func run() {
        work?()
        work = nil
    }

    func wait() {
        if running {
            pthread_join(thread, nil)
            running = false
        }
        run()
    }
}
