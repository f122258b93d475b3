"""A webhook receiver for the end-to-end tests, on loopback, with Python's standard library only.

It answers each POST with the next status of --statuses (the last one repeats): a number, or
`slow<number>` to wait --slow-seconds first (an attempt the test can cut short). Every request
is logged, as it arrives and before the answer, as one JSON line in --log: its webhook headers,
body, the status it gets and whether its signature verifies under the secret in --secret-file
(checked here with hmac/hashlib, independently of the server's own HMAC). It prints
`listening <port>` once ready.
"""

import argparse
import base64
import hashlib
import hmac
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--statuses", required=True)
parser.add_argument("--secret-file", required=True)
parser.add_argument("--log", required=True)
parser.add_argument("--slow-seconds", type=float, default=5)
arguments = parser.parse_args()
statuses = arguments.statuses.split(",")
lock = threading.Lock()
received = 0


def signature_is_valid(webhook_id, timestamp, body, header):
    """True when one of the header's v1 signatures is the HMAC under the secret in the file."""
    try:
        with open(arguments.secret_file) as file:
            secret = file.read().strip()
    except OSError:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = webhook_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        part.startswith("v1,") and hmac.compare_digest(part[3:], expected) for part in header.split(" ")
    )


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        global received
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            status = statuses[min(received, len(statuses) - 1)]
            received += 1
            entry = {
                "path": self.path,
                "webhook_id": self.headers.get("webhook-id"),
                "webhook_timestamp": self.headers.get("webhook-timestamp"),
                "webhook_signature": self.headers.get("webhook-signature"),
                "content_type": self.headers.get("Content-Type"),
                "user_agent": self.headers.get("User-Agent"),
                "body": body.decode(),
                "valid": signature_is_valid(
                    self.headers.get("webhook-id", ""),
                    self.headers.get("webhook-timestamp", ""),
                    body,
                    self.headers.get("webhook-signature", ""),
                ),
                "status": status,
                "received_at": time.time(),
            }
            with open(arguments.log, "a") as log:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        if status.startswith("slow"):
            time.sleep(arguments.slow_seconds)
            status = status[4:]
        self.send_response(int(status))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_):
        pass


# The test runner may start it with SIGTERM blocked (a child inherits the mask), and then
# stopping it would wait for the SIGKILL that follows.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
