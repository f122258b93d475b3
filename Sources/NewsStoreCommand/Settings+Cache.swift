import Delivery
import HTTP

extension Settings {
    /// An HTTP cache in front: the public responses' caching headers, and the caches every
    /// write purges (see `PurgeSettings`).
    static let cacheOptions: [Option] = [
        Option("--cache-s-maxage", "SECONDS", "s-maxage of public GET responses: how long Varnish or a CDN keeps them (default 86400)") {
            settings, value throws(UsageError) in
            settings.api.cacheSharedMaxAge = try OptionParser.integer(value, in: 0...31_536_000)
        },
        Option("--surrogate-key-header", "NAME", "response field carrying the surrogate keys (default Surrogate-Key; Cache-Tag for Cloudflare)") {
            settings, value throws(UsageError) in
            guard !value.isEmpty, value.utf8.count <= 64, value.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || isAlphanumeric($0) }) else {
                throw UsageError("'\(value)' is not a header field name (letters, digits and hyphens)")
            }
            settings.api.surrogateKeyHeader = value
        },
        Option("--purge-varnish", "LIST", "comma-separated Varnish addresses every write sends PURGE to, e.g. http://127.0.0.1:6081/ (default none)")
        {
            settings, value throws(UsageError) in
            settings.purges.varnish = try value.split(separator: ",").map { String($0.trimmingWhitespace) }.filter { !$0.isEmpty }.map(url)
        },
        Option(
            "--purge-fastly", "URL",
            "Fastly's purge endpoint https://api.fastly.com/service/SERVICE_ID/purge; token from \(PurgeSettings.fastlyTokenVariable) (default none)"
        ) { settings, value throws(UsageError) in
            settings.purges.fastly = try url(value)
        },
        Option(
            "--purge-cloudflare", "URL",
            "Cloudflare's https://api.cloudflare.com/client/v4/zones/ZONE_ID/purge_cache; token from \(PurgeSettings.cloudflareTokenVariable) (default none)"
        ) { settings, value throws(UsageError) in
            settings.purges.cloudflare = try url(value)
        },
        Option("--purge-timeout", "SECONDS", "time one purge request may take, connecting to answer (default 5)") {
            settings, value throws(UsageError) in
            settings.purges.timeout = try OptionParser.seconds(value)
        },
        Option(
            "--purge-retry-schedule", "LIST",
            "delays before each retry of a failed purge, then it fails; units ms, s, m, h (default \(PurgeSettings.standardRetrySchedule))"
        ) { settings, value throws(UsageError) in
            do throws(RetrySchedule.ParseError) {
                settings.purges.retrySchedule = try RetrySchedule(parsing: value)
            } catch {
                throw UsageError(error.description)
            }
        },
    ]

    private static func url(_ text: String) throws(UsageError) -> OutboundURL {
        do {
            return try OutboundURL(text)
        } catch {
            throw UsageError("'\(text)' is not an http or https URL: \(error)")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
