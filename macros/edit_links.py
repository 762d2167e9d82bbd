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
    """The page's edit link, moved from its Markdown stub to the data file it shows.

    `page_edit_url` ends in `<docs_dir>/<src_uri>` (repo_url + edit_uri + page); the data
    file replaces that end. A page drawn from several files links to their folder instead.
    """
    base = page_edit_url.removesuffix(src_uri).rstrip("/").removesuffix(docs_dir)
    if len(files) == 1:  # file names are data too: encoded, they cannot leave the href
        path, line = files[0]
        return f"{base}{quote(path.relative_to(root).as_posix())}#L{line}"
    folder = Path(*Path(files[0][0]).relative_to(root).parts[:1])
    return f"{base.replace('/edit/', '/tree/')}{quote(folder.as_posix())}"
