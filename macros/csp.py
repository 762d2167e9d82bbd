"""A Content-Security-Policy for the built site: only this site's own code may run.

The theme writes a few small scripts inline (one differs with a page's depth), so the policy
lists the SHA-256 hash of each instead of allowing inline scripts in general; and only of
the scripts the theme is known to write: those of its own templates
(`partials/javascripts/`, read from the installed theme), matched exactly. An inline script
that reached a page any other way, such as a host's setting that the theme prints unescaped,
is not listed, so browsers refuse to run it, and `write_policy` names the pages that hold
one. Zensical's search styles its dialog with a `<style>` element that its script creates
from a string constant, so the policy lists the hash of each such style too, instead of
allowing inline styles.
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


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# Where a theme's script template prints a value (`{{ base_url }}`, the site's scope): an
# address, relative or absolute, and never a quote that could end the script's string.
_ADDRESS = r"[\w./:%~-]*"


def theme_scripts(templates: Path) -> list[re.Pattern]:
    """The inline scripts the theme whose `templates` are given writes, each as a pattern
    of its exact text."""
    patterns = []
    for template in sorted((templates / "partials" / "javascripts").glob("*.html")):
        source = template.read_text(encoding="utf-8")
        for body in re.findall(r"<script>(.*?)</script>", source, re.S):
            literal = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(_ADDRESS.join(map(re.escape, literal))))
    if not patterns:
        raise ValueError(f"{templates}: no script templates found in partials/javascripts/; "
                         "the theme changed (see macros/csp.py)")
    return patterns


def inline_script_hashes(site: Path, known: list[re.Pattern]) -> tuple[list[str], list[Path]]:
    """The hashes of the inline scripts of the site's pages that the theme wrote (`known`),
    and the pages holding any other inline script, which the policy does not allow."""
    hashes, strays = set(), set()
    for page in site.rglob("*.html"):
        for script in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if any(pattern.fullmatch(script) for pattern in known):
                hashes.add(source_hash(script))
            else:
                strays.add(page)
    return sorted(hashes), sorted(strays)


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
            hashes.add(source_hash(ast.literal_eval(literal.group(1))))
    return sorted(hashes)


def content_security_policy(site: Path, theme_templates: Path,
                            own: tuple[str, ...] = ()) -> tuple[str, list[Path]]:
    """The policy for the built `site`, and the pages with inline scripts it refuses: those
    neither the theme nor the build (`own`, each script's exact text) wrote."""
    known = theme_scripts(theme_templates) + [re.compile(re.escape(text)) for text in own]
    hashes, strays = inline_script_hashes(site, known)
    scripts = " ".join(["'self'", *hashes])
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
    ]), strays


def write_policy(site: Path, theme_templates: Path, own: tuple[str, ...] = ()) -> list[Path]:
    """Write the policy into the site; returns the pages holding a script it refuses."""
    policy, strays = content_security_policy(site, theme_templates, own)
    (site / POLICY_FILE).write_text(policy + "\n", encoding="utf-8")
    return strays
