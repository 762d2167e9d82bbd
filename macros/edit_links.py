"""Edit links: "edit this page" on a page made from data opens the YAML file it comes from."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def page_edit_url(repo_url: str | None, edit_uri: str | None, page: str) -> str | None:
    """The edit link MkDocs gives a page, `repo_url` + `edit_uri` + the page's path, for
    engines that do not hand it to the macros (None without a repository)."""
    if not repo_url or edit_uri is None:
        return None
    return f"{repo_url.rstrip('/')}/{edit_uri.strip('/')}/{page}"


def edit_url_for_data(page_edit_url: str, src_uri: str, docs_dir: str, root: Path,
                      files: list[tuple[Path, int]]) -> str:
    """The page's edit link, moved from its Markdown stub to the data file of the first
    entry it shows, at that entry's line (each entry has its own link besides).

    `page_edit_url` ends in `<docs_dir>/<src_uri>` (repo_url + edit_uri + page); the data
    file replaces that end.
    """
    base = page_edit_url.removesuffix(src_uri).rstrip("/").removesuffix(docs_dir)
    path, line = files[0]
    return entry_edit_url(base, path.relative_to(root).as_posix(), line)


def entry_edit_url(base: str, file: str, line: int) -> str:
    """`base` (repo_url + edit_uri without its docs folder) + the data file + its line.
    File names are data too: encoded, they cannot leave an href."""
    return f"{base}{quote(file)}#L{line}"


def repository_edit_base(repository: dict) -> str | None:
    """repo_url + edit_uri without the docs folder it ends in ('edit/main/docs/' ->
    '<repo_url>/edit/main/'), or None where the copy names no repository."""
    url, edit_uri = repository.get("url"), repository.get("edit_uri")
    if not url or not edit_uri:
        return None
    folder = edit_uri.strip("/").rsplit("/", 1)[0] if "/" in edit_uri.strip("/") else ""
    return f"{url.rstrip('/')}/{folder}/" if folder else f"{url.rstrip('/')}/"
