import Glibc

/// Facts about the machine that size the server's thread pools.
public enum SystemInfo {
    /// Processors online.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
