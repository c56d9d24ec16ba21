"""A stand-in for Sentry's ingestion endpoint on loopback: it keeps what it is sent."""

import gzip
import json
import socket
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Envelopes:
    """Every request body received, decompressed, with the items of each envelope parsed."""

    def __init__(self):
        self.bodies: list[str] = []
        self.lock = threading.Lock()

    def add(self, body: str) -> None:
        with self.lock:
            self.bodies.append(body)

    def text(self) -> str:
        with self.lock:
            return "\n".join(self.bodies)

    def events(self) -> list[dict]:
        """The event items of every envelope (errors and logged errors)."""
        found = []
        for body in list(self.bodies):
            lines = body.split("\n")
            # header line, then (item header, payload) pairs
            for item_header, payload in zip(lines[1::2], lines[2::2], strict=False):
                if json.loads(item_header).get("type") == "event":
                    found.append(json.loads(payload))
        return found


def start_listener() -> tuple[ThreadingHTTPServer, Envelopes, str]:
    """The server, what it received, and a DSN that points at it."""
    received = Envelopes()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            encoding = self.headers.get("Content-Encoding", "")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
            received.add(body.decode("utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received, f"http://public-key@127.0.0.1:{port}/1"
