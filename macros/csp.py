"""A Content-Security-Policy for the built site: only this site's own files may run.

Material writes a few small scripts inline (they differ with a page's depth), so the
policy lists the SHA-256 hash of each instead of allowing inline scripts in general. It
is computed from the built pages, so it matches them exactly after every build.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Inline <script> elements that run: no src, and no data type such as application/json.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)

POLICY_FILE = "content-security-policy.txt"


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        for script in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = hashlib.sha256(script.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def content_security_policy(site: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def write_policy(site: Path) -> None:
    (site / POLICY_FILE).write_text(content_security_policy(site) + "\n", encoding="utf-8")
