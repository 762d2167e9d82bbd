"""A zip of a built site that is the same bytes for the same files, whenever it is made, and
that unpacks into one folder named after the site and its version."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
# The folder the project's own offline copy unpacks into, before its version.
SITE_NAME = "pcve-mental-health-kb"
UNVERSIONED = "unversioned"  # a copy built without git history, as its version.txt says


# A web server's answer to a missing address, in each language's folder (macros/not_found.py);
# a copy opened from files never shows it.
NOT_FOUND = "404.html"


def offline(relative: Path) -> bool:
    """Whether a file of the built site belongs in the offline copy."""
    return not (relative.name == NOT_FOUND and len(relative.parts) <= 2)


def slug(text: str) -> str:
    """`text` as a folder name that every system and unzip tool takes alike: lower-case
    ASCII letters and digits, with single hyphens between runs ("Our KB (Süd)" ->
    "our-kb-sud")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def folder_name(site: str, version: str | None) -> str:
    """The one folder a zip unpacks into: `<site>-<version>`. A version is git's (a tag, or a
    commit; `-dirty` for a work tree with changes), kept to letters, digits, `.`, `_` and
    `-`, whatever a tag is called; without one, `unversioned`."""
    kept = re.sub(r"[^A-Za-z0-9._-]+", "-", version or "").strip("-.")
    return f"{slug(site) or SITE_NAME}-{kept or UNVERSIONED}"


def write_zip(folder: Path, archive: Path, top: str) -> None:
    """Zip `folder` into the one folder `top` of the archive, with sorted names, fixed times
    and fixed permissions: the same files always make the same bytes."""
    if not top or "/" in top or top in (".", ".."):
        raise ValueError(f"a zip's folder is one plain name, not {top!r}")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()
                           and offline(p.relative_to(folder))):
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())


def offline_folder(config_file: Path, site: Path) -> str:
    """The folder the zip of `site`, built from `config_file`, unpacks into. The project's
    own copy is `pcve-mental-health-kb-<version>`; an add-on's is named after the add-on's
    folder (`make offline ADDON=/srv/our-kb`: `our-kb-<version>`). The version is the one
    the build wrote into the site's `data/version.txt` (git's, as the downloads say it),
    else git's now, else `unversioned`."""
    from .export import FOLDER, VERSION_FILE
    from .history import History

    upstream = Path(__file__).resolve().parent.parent
    home = config_file.resolve().parent
    name = SITE_NAME if home == upstream else home.name
    written = site / FOLDER / VERSION_FILE
    version = written.read_text(encoding="utf-8").strip() if written.is_file() \
        else History(upstream).version
    return folder_name(name, version)
