#if canImport(Glibc)
import Glibc
#endif

enum StandardDescriptors {
    /// Opens /dev/null on each of fds 0, 1 and 2 that is closed. Going up from 0, every lower
    /// number is open by then, so `open` (lowest free number) lands exactly on the missing one.
    static func ensureOpen() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 {
            _ = open("/dev/null", O_RDWR)
        }
    }
}
