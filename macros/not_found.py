"""What a web server shows for a missing address: the site's "Page not found" page, in the
reader's language, styled and with the search, at any depth under any path, with nothing
for a host to configure but the guide's `error_page 404 …/404.html`.

A server answers a missing address, say `/kb/no/such/page/`, with the site's `404.html`,
but the browser reads that file as if it were at the missing address, so no relative link
in it can work, and the engines' own `404.html` links from the server's root (or from
`site_url`, which the host would have to set). So each language's `404.html` is replaced
by a small page of our own whose one script finds the site: the longest start of the
address under which the site's `not-found/` page exists (asked with HEAD requests, all at
once), and goes there, handing on the missing address for that page to show (the reader
sees what to correct). `not-found/` is a page like any other (docs/not-found.md), built by
every engine with relative links; under `/kb/fr/…` the French one is found first. Without
scripts the small page still says, in its language, that nothing is here, and links home
when `site_url` says where home is.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader

from .render import TEMPLATES

FILE = "404.html"
PAGE = "not-found/"  # docs/not-found.md, as built with directory addresses

# Constant, so the security policy can allow it by its hash (macros/csp.py).
SCRIPT = (
    "(function(){var parts=location.pathname.split('/'),roots=[];"
    "for(var end=parts.length-1;end>0;end--)roots.push(parts.slice(0,end).join('/')+'/');"
    "Promise.all(roots.map(function(root){"
    f"return fetch(root+'{PAGE}',{{method:'HEAD',cache:'no-store'}}).then("
    "function(answer){return answer.ok?root:null},function(){return null})}))"
    ".then(function(found){var root=found.filter(Boolean)[0];"
    f"if(root)location.replace(root+'{PAGE}?address='+encodeURIComponent(location.pathname))"
    "})})();"
)

# Its own words: the first two sentences of the not-found page's (pages/not_found.md).
TITLE = "Page not found"
TEXT = "There is no page at this address in this knowledge base."
HOME = "Home"


def home_of(site_url: str | None, language: str, english: str) -> str | None:
    """The path of a language's home page on the server, where `site_url` gives it."""
    if not site_url:
        return None
    path = urlsplit(site_url).path.rstrip("/") + "/"
    return path if language == english else f"{path}{language}/"


def write_not_found(site_dir: Path, languages: list[str], words: dict[str, dict[str, str]],
                    site_name: str, site_url: str | None) -> None:
    """Each language's `404.html`: `words[language]` translates the English words used."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES / "server"), autoescape=True,
                              keep_trailing_newline=True)
    template = environment.get_template("not_found.html")
    english = languages[0]
    for language in languages:
        said = words.get(language, {})
        folder = site_dir if language == english else site_dir / language
        (folder / FILE).write_text(template.render(
            language=language, script=SCRIPT, site_name=said.get(site_name, site_name),
            title=said.get(TITLE, TITLE), text=said.get(TEXT, TEXT),
            home_label=said.get(HOME, HOME), home=home_of(site_url, language, english),
        ), encoding="utf-8")
