#!/usr/bin/env python3
"""A misbehaving Rasa-style bot on loopback, for Chorus's end-to-end robustness tests.

Prints the port it listens on (a free one) on its first line of output, then serves until killed.

  fault-bot.py matrix              every request in turn meets one fault of a fixed cycle
                                   (500, 503 and 429 with Retry-After, a stall, slow bytes,
                                   malformed, oversized and many-message replies, a mid-body
                                   close, gzip nobody asked for, non-UTF-8), between good replies
  fault-bot.py slow SECONDS        a correct, deterministic bot that waits SECONDS per reply
  fault-bot.py proxy PORT EVERY    forwards to the bot on PORT, answering every EVERY-th request
                                   with HTTP 500 instead; it echoes an Authorization header into
                                   the reply's text, as a careless bot would
  fault-bot.py echo                replies with what it was sent: headers, body, and control bytes
"""
import gzip
import itertools
import json
import socket
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[1]
counter = itertools.count()
lock = threading.Lock()

# The first request (Chorus's greeting before a run) is answered well.
CYCLE = ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok",
         "500", "503", "429", "stall", "slow", "malformed", "oversized", "many", "midbody", "gzip", "latin1"]


def rasa(texts):
    return json.dumps([{"recipient_id": "u", "text": t} for t in texts]).encode()


def reply_for(message):
    """A tiny deterministic bot: enough words to make conversations of a few turns."""
    text = message.lower()
    if "refund" in text or "return" in text:
        return ["Which order is it? Please give me the order number."]
    if "open" in text or "hours" in text:
        return ["We are open 9am to 6pm."]
    if "human" in text or "agent" in text:
        return ["Let me connect you to a human agent."]
    return ["Sorry, I didn't understand that."]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.send(200, b"{}", [("Content-Type", "application/json")])

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            n = next(counter)
        message = json.loads(body or b"{}").get("message", "")
        if MODE == "slow":
            time.sleep(float(sys.argv[2]))
            return self.send(200, rasa(reply_for(message)), [("Content-Type", "application/json")])
        if MODE == "echo":
            echoed = "auth=" + self.headers.get("Authorization", "") + " body=" + body.decode("utf-8", "replace")
            return self.send(200, rasa([echoed, "\x1b]0;owned\x07\x1b[2Jbell\x07 nul\x00 rtl\u202eevil"]),
                             [("Content-Type", "application/json")])
        if MODE == "proxy":
            if (n + 1) % int(sys.argv[3]) == 0:
                return self.send(500, b"Internal Server Error", [("Content-Type", "text/plain")])
            request = urllib.request.Request(
                "http://127.0.0.1:%s%s" % (sys.argv[2], self.path), data=body,
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request) as upstream:
                return self.send(upstream.status, upstream.read(), [("Content-Type", "application/json")])
        fault = CYCLE[n % len(CYCLE)]
        ok = rasa(reply_for(message))
        if fault == "500":
            self.send(500, b"Internal Server Error", [("Content-Type", "text/plain")])
        elif fault in ("503", "429"):
            self.send(int(fault), b"busy", [("Retry-After", "1"), ("Content-Type", "text/plain")])
        elif fault == "stall":
            time.sleep(6)
            self.close_connection = True
        elif fault == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(ok)))
            self.end_headers()
            for byte in ok:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.002)
        elif fault == "malformed":
            self.send(200, b"<html>not json</html>", [("Content-Type", "text/html")])
        elif fault == "oversized":
            self.send(200, rasa(["x" * (3 << 20)]), [("Content-Type", "application/json")])
        elif fault == "many":
            self.send(200, rasa(["message %d" % i for i in range(10000)]), [("Content-Type", "application/json")])
        elif fault == "midbody":
            self.send_response(200)
            self.send_header("Content-Length", str(len(ok) + 100))
            self.end_headers()
            self.wfile.write(ok[:10])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif fault == "gzip":
            self.send(200, gzip.compress(ok), [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
        elif fault == "latin1":
            self.send(200, b'[{"recipient_id": "u", "text": "caf\xe9 \xff\xfe"}]', [("Content-Type", "application/json")])
        else:
            self.send(200, ok, [("Content-Type", "application/json")])


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
