"""A Content-Security-Policy for the built site: only this site's own files may run.

The theme writes a few small scripts inline (they differ with a page's depth), so the
policy lists the SHA-256 hash of each instead of allowing inline scripts in general. And
Zensical's search styles its dialog with a `<style>` element that its script creates from a
string constant, so the policy lists the hash of each such style too, instead of allowing
inline styles. Both are computed from the built site, so the policy matches it exactly
after every build, whichever engine built it.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import re
from pathlib import Path

# Inline <script> elements that run: no src, and no data type such as application/json.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)

POLICY_FILE = "content-security-policy.txt"


# In a minified script: a <style> element made from a named constant, as Zensical's search
# does (`C("style",{},Tc.toString())`), and the constant's string literal (`Tc='...'`).
_SCRIPT_STYLE = re.compile(r'\("style",\{\},(\w+)(?:\.toString\(\))?\)')
_STRING_CONSTANT = r"""(?<![\w$.]){name}=('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""


def _source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        for script in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            hashes.add(_source_hash(script))
    return sorted(hashes)


def script_style_hashes(site: Path) -> list[str]:
    """The hash of each style that a script of the site writes into a `<style>` element."""
    hashes = set()
    for script in site.rglob("*.js"):
        source = script.read_text(encoding="utf-8")
        for name in set(_SCRIPT_STYLE.findall(source)):
            literal = re.search(_STRING_CONSTANT.format(name=re.escape(name)), source)
            if literal is None:
                raise ValueError(f"{script}: the style constant {name} was not found; the "
                                 "policy could not allow it (see macros/csp.py)")
            hashes.add(_source_hash(ast.literal_eval(literal.group(1))))
    return sorted(hashes)


def content_security_policy(site: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site)])
    styles = " ".join(["'self'", *script_style_hashes(site)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {styles}",
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
