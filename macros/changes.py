"""What changed for readers between two versions: the entries added, changed and removed.

`python -m macros changes FROM` compares the data of a commit or tag with the working tree,
for a host's release note. The data of FROM is taken with `git archive`, so nothing in the
working tree is touched.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .knowledge_base import KnowledgeBase
from .problems import printable
from .render import label_of
from .validate import load_knowledge_base


@dataclass(frozen=True)
class Change:
    kind: str  # added, changed, removed
    collection: str
    id: str
    title: str

    def __str__(self) -> str:
        # A title is data: escaped, so that it cannot start a line of its own (`::error::`)
        return (f"{self.kind:8} {printable(self.collection):15} {printable(self.id)}: "
                f"{printable(self.title)}")


def commit_of(root: Path, revision: str) -> str:
    """The full hash of the commit `revision` names. `--end-of-options` keeps a revision
    such as `--output=x.tar` from being read as an option; a hash never can be, so only the
    hash reaches `git archive`. A revision that names no commit ends the program in a line."""
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options",
                            revision + "^{commit}"], cwd=root, capture_output=True, text=True)
    if found.returncode != 0:
        raise SystemExit(f"changes: '{printable(revision)}' is not a commit or tag of this "
                         "repository")
    return found.stdout.strip()


def data_at(root: Path, revision: str, into: Path) -> Path:
    """The `data/` folder of `revision`, extracted into `into`."""
    commit = commit_of(root, revision)
    archive = subprocess.run(["git", "archive", "--format=tar", commit, "--", "data"],
                             cwd=root, capture_output=True)
    if archive.returncode != 0:
        raise SystemExit(f"changes: '{printable(revision)}' has no data/ folder")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as bundle:
        bundle.extractall(into, filter="data")
    return into / "data"


def _entries(kb: KnowledgeBase) -> dict[str, tuple[str, object]]:
    return {item.entry.id: (item.collection, item.entry) for item in kb.all()}


def changes(before: KnowledgeBase, after: KnowledgeBase) -> list[Change]:
    old, new = _entries(before), _entries(after)
    found = []
    for entry_id, (collection, entry) in new.items():
        if entry_id not in old:
            found.append(Change("added", collection, entry_id, label_of(entry)))
        elif old[entry_id][1] != entry:
            found.append(Change("changed", collection, entry_id, label_of(entry)))
    for entry_id, (collection, entry) in old.items():
        if entry_id not in new:
            found.append(Change("removed", collection, entry_id, label_of(entry)))
    order = {"added": 0, "changed": 1, "removed": 2}
    return sorted(found, key=lambda c: (order[c.kind], c.collection, c.id))


def changes_since(root: Path, revision: str) -> list[Change]:
    with tempfile.TemporaryDirectory() as temp:
        before = load_knowledge_base([data_at(root, revision, Path(temp))])
    return changes(before, load_knowledge_base([root / "data"]))
