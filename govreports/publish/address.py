"""The address the site is published at: `site_url` in data/dataset.yml, or the SITE_URL environment
variable, which overrides it so that a publishing workflow sets it without editing the data
(for example SITE_URL=https://example.org/reports/ for a site under a sub-path).

Standard library only: build.py checks it before the build's heavy imports.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from ..errors import BuildError

VARIABLE = "SITE_URL"


def from_environment() -> str | None:
    """SITE_URL as an address ending in '/', None when it is not set; BuildError when it is not an address."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BuildError(f"{VARIABLE}: expected the site's address, as https://example.org/ or https://example.org/some/path/, found {value!r}")
    return value if value.endswith("/") else f"{value}/"


def site_url(meta: dict) -> str:
    """The site's address: SITE_URL if set, else dataset.yml's site_url ('' when the site has none yet)."""
    return from_environment() or meta["site_url"]
