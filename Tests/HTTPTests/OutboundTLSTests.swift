import Foundation
import TestSupport
import Testing

@testable import HTTP

/// https through the run-time loaded libssl against Python's ssl module on loopback, with
/// self-signed certificates made by the openssl command for this run.
@Suite(.serialized) struct OutboundTLSTests {
    private struct SetUpFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// A python3 HTTPS receiver on 127.0.0.1 serving `certificate`; it answers a POST with
    /// the body it got and the SNI name the client sent ("-" for none).
    private final class PythonReceiver {
        let process = Process()
        let port: Int

        init(certificate: String, key: String, directory: String) throws {
            let script = directory + "/receiver.py"
            try """
            import http.server, ssl, sys
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            def remember(sock, name, ctx):
                sock.sni = name
            context.sni_callback = remember
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    reply = b"got " + body + b" sni " + (getattr(self.connection, "sni", None) or "-").encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """.write(toFile: script, atomically: true, encoding: .utf8)
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, certificate, key]
            process.standardOutput = output
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                line += data
            }
            guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                kill(process.processIdentifier, SIGKILL)
                throw SetUpFailure(description: "the python3 HTTPS receiver did not start")
            }
            self.port = port
        }

        /// SIGKILL: the child inherits the test thread's signal mask, which can block SIGTERM.
        deinit {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A self-signed certificate (its own CA) for `names` (openssl's subjectAltName syntax).
    private static func makeCertificate(in directory: String, name: String, subjectAltName: String) throws -> (certificate: String, key: String) {
        let certificate = "\(directory)/\(name).pem"
        let key = "\(directory)/\(name)-key.pem"
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=NewsStore outbound test", "-addext", "subjectAltName=\(subjectAltName)", "-keyout", key, "-out", certificate,
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw SetUpFailure(description: "openssl req failed") }
        return (certificate, key)
    }

    private func client(trusting file: String?) -> OutboundClient {
        OutboundClient(policy: .allowPrivate, timeout: .seconds(5), userAgent: "NewsStore-Test/1", trustedCertificatesFile: file)
    }

    private func post(_ url: String, trusting file: String?, with client: OutboundClient? = nil) throws(OutboundError) -> String {
        let client = client ?? self.client(trusting: file)
        let response = try client.send(OutboundRequest(url: try OutboundURL(url), body: Array("ping".utf8)))
        #expect(response.status == 200)
        return String(decoding: response.body, as: UTF8.self)
    }

    private func tlsFailure(_ url: String, trusting file: String?) -> String? {
        let error = expectError(OutboundError.self) { try post(url, trusting: file) }
        guard case .tls(let reason)? = error else {
            Issue.record("\(url): expected a TLS error, got \(String(describing: error))")
            return nil
        }
        return reason
    }

    @Test func aCertificateIsVerifiedAgainstTheTrustedCAsAndTheHost() throws {
        let directory = try makeTemporaryDirectory(prefix: "outbound-tls")
        defer { removeDirectoryTree(directory) }
        let local = try Self.makeCertificate(in: directory, name: "local", subjectAltName: "DNS:localhost,IP:127.0.0.1")
        let receiver = try PythonReceiver(certificate: local.certificate, key: local.key, directory: directory)

        // The system's CAs do not know a self-signed certificate.
        let unknown = tlsFailure("https://127.0.0.1:\(receiver.port)/", trusting: nil)
        #expect(unknown?.contains("certificate verify failed") == true, "\(unknown ?? "")")
        #expect(unknown?.contains("self-signed certificate") == true || unknown?.contains("self signed certificate") == true, "\(unknown ?? "")")

        // Trusted through the CA file: by IP (matched against the IP entry, no SNI) and by
        // name (SNI sent, matched against the DNS entry).
        // One client, so the second request reuses the first one's context: the name or
        // address checked is the session's own.
        let trusting = client(trusting: local.certificate)
        #expect(try post("https://127.0.0.1:\(receiver.port)/", trusting: local.certificate, with: trusting) == "got ping sni -")
        #expect(try post("https://localhost:\(receiver.port)/", trusting: local.certificate, with: trusting) == "got ping sni localhost")
    }

    @Test func aCertificateForAnotherHostIsRefused() throws {
        let directory = try makeTemporaryDirectory(prefix: "outbound-tls")
        defer { removeDirectoryTree(directory) }
        let other = try Self.makeCertificate(in: directory, name: "other", subjectAltName: "DNS:receiver.example")
        let receiver = try PythonReceiver(certificate: other.certificate, key: other.key, directory: directory)
        let byName = tlsFailure("https://localhost:\(receiver.port)/", trusting: other.certificate)
        #expect(byName?.contains("hostname mismatch") == true, "\(byName ?? "")")
        let byAddress = tlsFailure("https://127.0.0.1:\(receiver.port)/", trusting: other.certificate)
        #expect(byAddress?.contains("IP address mismatch") == true, "\(byAddress ?? "")")
    }

    @Test func aMissingCAFileIsATLSErrorBeforeAnyConnection() throws {
        let receiver = try LoopbackReceiver(.silent)
        let reason = tlsFailure("https://127.0.0.1:\(receiver.port)/", trusting: "/nonexistent/ca.pem")
        #expect(receiver.accepted == 0)
        #expect(reason?.hasPrefix("cannot load the CA file /nonexistent/ca.pem") == true, "\(reason ?? "")")
    }

    @Test func aServerThatNeverCompletesTheHandshakeTimesOut() throws {
        let receiver = try LoopbackReceiver(.silent)
        let quick = OutboundClient(policy: .allowPrivate, timeout: .milliseconds(500), userAgent: "NewsStore-Test/1")
        let error = expectError(OutboundError.self) {
            try quick.send(OutboundRequest(url: try OutboundURL("https://127.0.0.1:\(receiver.port)/")))
        }
        #expect(error == .timeout(phase: "in the TLS handshake with 127.0.0.1:\(receiver.port)", seconds: 0.5))
    }
}
