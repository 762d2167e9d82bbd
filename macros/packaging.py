"""A zip of a built site that is the same bytes for the same files, whenever it is made."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


# Shown by a web server for a missing address; a copy opened from files never reaches it,
# and its links are absolute (from the server's root), so it would only mislead there.
NOT_OFFLINE = {"404.html"}


def write_zip(folder: Path, archive: Path) -> None:
    """Zip `folder` with sorted names, fixed times and fixed permissions."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()
                           and p.relative_to(folder).as_posix() not in NOT_OFFLINE):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
