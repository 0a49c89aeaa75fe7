"""A live preview: serve the published site on localhost and rebuild it whenever the data, templates,
content or code change. Standard library only (the build itself is imported by `rebuild`).

The server serves the folder by its path, so each rebuild (which swaps in a new folder only when it
succeeded) is what the next request sees; a failed rebuild prints its problems and the last good
site stays up. Every page it serves carries a small script that reloads the page after each
successful rebuild (the published site has no such script).
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from pathlib import Path
from typing import Callable

REBUILDS = "/__rebuilds__"  # the number of successful rebuilds, which the pages poll
RELOAD = ('<script>(function () { var seen = null; setInterval(function () {'
          f' fetch("{REBUILDS}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (n) {{'
          ' if (seen !== null && n !== seen) location.reload(); seen = n; }).catch(function () {}); }, 1000); })();</script>')


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request would bury the build's messages
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a reload shows the rebuilt page
        super().end_headers()

    def do_GET(self):
        if self.path == REBUILDS:
            return self._send(str(self.server.rebuilds).encode(), "text/plain")
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if path.endswith(".html") and os.path.isfile(path):
            with open(path, "rb") as fh:
                page = fh.read()
            return self._send(page.replace(b"</body>", RELOAD.encode() + b"</body>", 1), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path, port: int, inputs: Callable[[], str], rebuild: Callable[[], int], every: float = 1.0, rounds: int | None = None) -> None:
    """Serve `site` at http://127.0.0.1:`port`/ and call `rebuild` whenever `inputs()` changes.
    `rounds` limits the number of checks (for tests); by default it runs until interrupted."""
    seen = inputs()  # before the address is printed: a change made once it is shown is a change
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_PreviewHandler, directory=str(site)))
    server.rebuilds = 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {site} at http://127.0.0.1:{server.server_port}/ — rebuilding on every change (Ctrl-C stops)", flush=True)
    try:
        while rounds is None or rounds > 0:
            time.sleep(every)
            rounds = None if rounds is None else rounds - 1
            now = inputs()
            if now != seen:
                seen = now
                print("Change seen: rebuilding …", flush=True)
                if rebuild() == 0:
                    server.rebuilds += 1
                    print("Rebuilt: the pages open in the browser reload", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
