import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a port nobody listens on, to suggest one when the asked-for port is taken.
enum PortProbe {
    /// The first of the 20 ports after `port` that `host` (a numeric IPv4 or IPv6 address) can
    /// listen on now; nil when none is free or the host is a name.
    static func firstFree(host: String, after port: Int) -> Int? {
        for candidate in (port + 1)...(port + 20) where candidate <= 65535 {
            if isFree(host: host, port: candidate) { return candidate }
        }
        return nil
    }

    /// Whether a listening socket can be bound to `host:port` now (as the server binds it, with
    /// SO_REUSEADDR, so a port left in TIME_WAIT by an earlier run counts as free).
    static func isFree(host: String, port: Int) -> Bool {
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
        } else if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
        } else {
            return false
        }
        #if canImport(Glibc)
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(family, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        if family == AF_INET {
            bound = withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            bound = withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        return bound == 0 && listen(descriptor, 1) == 0
    }
}
