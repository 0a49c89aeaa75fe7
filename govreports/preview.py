"""A live preview: serve the published site on localhost and rebuild it whenever the data, templates,
content or code change (file events, not polling: a burst of saves makes one rebuild).

The server serves the folder by its path, so each rebuild (which swaps in a new folder only when it
succeeded) is what the next request sees; a failed rebuild prints its problems and the last good
site stays up. Every page it serves carries a small script that asks, four times a second, when the
page itself last changed, and reloads it then: a rebuild that leaves a page as it was leaves it
alone (the published site has no such script).
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlparse

REBUILDS = "/__rebuilds__"  # ?page=<path>: the rebuild that last changed the page, which the page polls
RELOAD = ('<script>(function () { var seen = null; setInterval(function () {'
          f' fetch("{REBUILDS}?page=" + encodeURIComponent(location.pathname), {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})'
          '.then(function (n) { if (seen !== null && n !== seen) location.reload(); seen = n; }).catch(function () {}); }, 250); })();</script>')


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line per request would bury the build's messages
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a reload shows the rebuilt page
        super().end_headers()

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == REBUILDS:
            page = _page_of(parse_qs(url.query).get("page", ["/"])[0])
            return self._send(str(self.server.changed.get(page, 0)).encode(), "text/plain")
        path = self.translate_path(self.path)
        if os.path.isdir(path) and url.path.endswith("/"):
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


def _page_of(path: str) -> str:
    """A served address as the file it serves, relative to the site: / → index.html, /a/ → a/index.html."""
    path = path.lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


def _pages(site: Path) -> dict[str, tuple[int, int]]:
    """Each HTML page of the site by its file's identity: a rebuild carries unchanged pages over as links."""
    out, root = {}, str(site)
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                st = os.stat(path)
                out[path[len(root) + 1:]] = (st.st_ino, st.st_mtime_ns)
    return out


def serve(site: Path, port: int, watched: list[Path], rebuild: Callable[[Callable[[], None]], int], stop: threading.Event | None = None) -> None:
    """Serve `site` at http://127.0.0.1:`port`/ and call `rebuild(shown)` after every change under `watched`, until
    interrupted (or `stop` is set). The rebuild calls `shown()` as soon as its pages are in place (their search
    index may follow): the pages that changed then reload."""
    import watchfiles

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_PreviewHandler, directory=str(site)))
    server.rebuilds, server.changed = 0, {}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    published = [_pages(site)]  # the pages as the last rebuild left them (nothing else writes the site)

    def shown():
        server.rebuilds += 1
        before, after = published[0], _pages(site)
        server.changed.update({page: server.rebuilds for page, seen in after.items() if before.get(page) != seen})
        published[0] = after
        print("Rebuilt: the pages that changed reload in the browser", flush=True)
    watching = False
    try:
        # step: how long the files must be quiet before a rebuild, so that saving several files makes one. The
        # watcher says every 0.2 s that it has seen nothing: the first time, it is watching, and the preview says so.
        for changes in watchfiles.watch(*watched, step=50, debounce=1600, stop_event=stop, raise_interrupt=False,
                                        rust_timeout=200, yield_on_timeout=True):
            if not watching:
                watching = True
                print(f"Serving {site} at http://127.0.0.1:{server.server_port}/ — rebuilding on every change (Ctrl-C stops)", flush=True)
            if changes:
                print(f"{len(changes)} change(s) seen: rebuilding …", flush=True)
                rebuild(shown)
    finally:
        server.shutdown()
        server.server_close()
