"""When files last changed, from the git history of the project: the dates a page shows as
"content last changed". A date is that of a commit, so the same commit always builds the
same dates (byte-identical builds). Where there is no history (a copy of the project
without .git, or no git at all), there are no dates, and the site builds without them.
"""

from __future__ import annotations

import re
import subprocess
from functools import cached_property
from pathlib import Path


class History:
    def __init__(self, folder: Path):
        self.folder = folder  # any folder inside the project's git work tree

    def _git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.folder), *args], capture_output=True,
                              text=True, check=True, timeout=60).stdout

    @cached_property
    def _dates(self) -> tuple[Path | None, dict[str, str]]:
        """The work tree's top folder, and each path ever committed -> the date (YYYY-MM-DD)
        of the last commit that changed it."""
        try:
            top = Path(self._git("rev-parse", "--show-toplevel").strip()).resolve()
            log = self._git("log", "--format=%x00%cs", "--name-only", "--no-renames")
        except (OSError, subprocess.SubprocessError):
            return None, {}
        dates: dict[str, str] = {}
        current = ""
        for line in log.splitlines():
            if line.startswith("\0"):
                current = line[1:] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line[1:]) else ""
            elif line and current > dates.get(line, ""):
                dates[line] = current
        return top, dates

    @cached_property
    def version(self) -> str | None:
        """This copy's version: the nearest tag and the commit (`v1.2-3-gabc1234`), or the
        commit alone, '-dirty' if the work tree has changes; None without history."""
        try:
            return self._git("describe", "--tags", "--always", "--dirty").strip() or None
        except (OSError, subprocess.SubprocessError):
            return None

    def last_changed(self, paths: list[Path]) -> str | None:
        """The date of the last commit that changed any of `paths`, if there is one."""
        top, dates = self._dates
        if top is None:
            return None
        found = []
        for path in paths:
            path = path.resolve()
            if top in path.parents:
                found.append(dates.get(path.relative_to(top).as_posix(), ""))
        return max(found, default="") or None
