"""A cache that takes purges, for the end-to-end tests: on loopback, standard library only.

It answers every PURGE (and POST, as a CDN's purge API takes) with 200 and logs it as one JSON
line in --log: method, path, the `xkey-purge` header and the time; with --hang it accepts
requests and never answers them (a cache that hangs). It listens on --port (0 for any free
one) and prints `listening <port>` once ready.
"""

import argparse
import json
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--log", required=True)
parser.add_argument("--hang", action="store_true")
arguments = parser.parse_args()
lock = threading.Lock()


class Cache(BaseHTTPRequestHandler):
    def do_PURGE(self):
        if arguments.hang:
            time.sleep(60)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock, open(arguments.log, "a") as log:
            log.write(json.dumps({"method": self.command, "path": self.path, "keys": self.headers.get("xkey-purge"),
                                  "body": body.decode(), "received_at": time.time()}) + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PURGE

    def log_message(self, *_):
        pass


server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Cache)
# At once, even with a hanging request under way: every logged purge is already on disk. The
# test runner may start it with SIGTERM blocked, so it is unblocked first.
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
