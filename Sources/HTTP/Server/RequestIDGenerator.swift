import Synchronization

/// Request IDs: a client's `X-Request-ID` when it is a sane token, else a new one made of a
/// random per-process prefix and a counter, unique without a random draw per request.
final class RequestIDGenerator: Sendable {
    private let prefix: String
    private let counter = Atomic<UInt64>(0)

    init() {
        var generator = SystemRandomNumberGenerator()
        let random = generator.next() as UInt64
        prefix = String(random & 0xFFFF_FFFF, radix: 16)
    }

    func id(for request: Request) -> String {
        if let given = request.headers["x-request-id"], Self.isAcceptable(given) { return given }
        let number = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(prefix)-\(String(number, radix: 16))"
    }

    /// 1 to 128 characters that are safe to echo in a header and a log line.
    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (1...128).contains(utf8.count)
            && utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "-_.:/+=@".utf8.contains(byte)
                }
            }
    }
}
