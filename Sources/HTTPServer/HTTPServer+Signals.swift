import CLinux
import Glibc

extension HTTPServer {
    /// Blocks SIGTERM and SIGINT (so `waitForTerminationSignal` can take them) and ignores SIGPIPE.
    /// Call first thing in `main`, before any thread exists: threads inherit the mask.
    public static func blockTerminationSignals() {
        signal(SIGPIPE, SIG_IGN)
        var mask = terminationSignals()
        pthread_sigmask(SIG_BLOCK, &mask, nil)
    }

    /// Blocks until SIGTERM or SIGINT arrives, then returns; the caller then calls `shutdown()`.
    /// Requires `blockTerminationSignals()` to have run first.
    public func waitForTerminationSignal() {
        var mask = terminationSignals()
        let fd = signalfd(-1, &mask, Int32(SFD_CLOEXEC))
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = signalfd_siginfo()
        while true {
            let count = read(fd, &info, MemoryLayout<signalfd_siginfo>.size)
            if count == MemoryLayout<signalfd_siginfo>.size { return }
            if count < 0 && errno != EINTR { return }
        }
    }
}

private func terminationSignals() -> sigset_t {
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGTERM)
    sigaddset(&mask, SIGINT)
    return mask
}
