"""A live preview: serve the published site on localhost and rebuild it whenever the data, templates,
content or code change. Standard library only (the build itself is imported by `rebuild`).

The server serves the folder by its path, so each rebuild (which swaps in a new folder only when it
succeeded) is what the next request sees; a failed rebuild prints its problems and the last good
site stays up.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path
from typing import Callable


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request would bury the build's messages
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a reload shows the rebuilt page
        super().end_headers()


def serve(site: Path, port: int, inputs: Callable[[], str], rebuild: Callable[[], int], every: float = 1.0, rounds: int | None = None) -> None:
    """Serve `site` at http://127.0.0.1:`port`/ and call `rebuild` whenever `inputs()` changes.
    `rounds` limits the number of checks (for tests); by default it runs until interrupted."""
    seen = inputs()  # before the address is printed: a change made once it is shown is a change
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(site)))
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
                    print("Rebuilt: reload the page in the browser", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
