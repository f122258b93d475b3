import Delivery

extension Settings {
    /// How webhooks are sent (see `DeliverySettings`).
    static let webhooksOptions: [Option] = [
        Option("--webhooks-timeout", "SECONDS", "time one webhook attempt may take, connecting to answer (default 10)") {
            settings, value throws(UsageError) in
            settings.delivery.timeout = try OptionParser.seconds(value)
        },
        Option(
            "--webhooks-retry-schedule", "LIST",
            "delays before each retry of a failed webhook delivery, then it fails; units ms, s, m, h (default \(RetrySchedule.standard))"
        ) { settings, value throws(UsageError) in
            do throws(RetrySchedule.ParseError) {
                settings.delivery.retrySchedule = try RetrySchedule(parsing: value)
            } catch {
                throw UsageError(error.description)
            }
        },
        Option(
            "--webhooks-allow-private", "on|off",
            "let webhooks reach loopback, private, link-local and metadata addresses (default off; for tests and single-host setups)"
        ) { settings, value throws(UsageError) in
            settings.delivery.allowPrivateAddresses = try OptionParser.boolean(value)
        },
    ]
}
