"""The folders the build reads, and the rule that it reads nothing outside them.

A pull request or an add-on folder is untrusted input. A symbolic link in it could publish
any file of the build machine (`/etc/hostname`), or be endless (`/dev/zero`); a setting such
as `../../outside` could point anywhere. So the build reads only regular files that lie
inside their folder, and an add-on's folders must lie inside the add-on.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .problems import FORM, Problem

DATA_SUFFIXES = (".yml", ".yaml")
TRANSLATIONS = "translations"  # a data folder's translations, read by translations.py
TEMPLATES = Path(__file__).resolve().parent / "templates"  # the Jinja templates of pages
ADDON_ASSETS = "addon"  # folder of the built site that holds an add-on's logo and styles
# File names reach messages and edit links; these characters are safe and portable in both.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def display_name(path: Path) -> str:
    """How messages name a file: relative to the working directory where possible."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _unreadable(path: Path, is_folder: bool) -> str | None:
    """Why the build will not read `path`, or None if it may."""
    if path.is_symlink():
        return ("is a symbolic link; data and assets must be the files themselves, inside "
                "their folder (a link could publish files from elsewhere on the machine)")
    if not is_folder and not path.is_file():
        return "is not a regular file (a device, pipe or socket); remove it"
    return None


def data_files(folders: list[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every YAML file below `folders`, with the name messages use for it, and a problem
    for anything else found there. Hidden files and folders (".git", ".DS_Store") are
    skipped."""
    found, problems = [], []

    def refuse(path: Path, message: str) -> None:
        problems.append(Problem(display_name(path), 1, "-", "-", message, stage=FORM))

    for folder in folders:
        reason = _unreadable(folder, is_folder=True)
        if reason or not folder.is_dir():
            refuse(folder, reason or "this data folder does not exist")
            continue
        for current, subfolders, files in os.walk(folder):
            here = Path(current)
            subfolders[:] = sorted(name for name in subfolders if not name.startswith(".")
                                   and not (here == folder and name == TRANSLATIONS))
            for name in list(subfolders):
                reason = _unreadable(here / name, is_folder=True)
                if reason:
                    refuse(here / name, reason)
                    subfolders.remove(name)
            for name in sorted(name for name in files if not name.startswith(".")):
                path = here / name
                reason = _unreadable(path, is_folder=False)
                suffix = path.suffix
                if reason:
                    refuse(path, reason)
                elif not SAFE_NAME.match(name):
                    refuse(path, "has characters in its name that a web address or a message "
                                 "could misread: rename it using only letters, digits, '-', "
                                 "'_' and '.'")
                elif suffix in DATA_SUFFIXES:
                    found.append((path, display_name(path)))
                elif suffix.lower() in DATA_SUFFIXES:
                    refuse(path, f"is not read: data files end in '.yml' in lowercase; "
                                 f"rename it to {path.stem}.yml")
                else:
                    refuse(path, "is not a data file: only YAML files ending in '.yml' are "
                                 "read here; move it out of the data folder")
    return found, problems


def setting_line(config_file: Path, *keys: str) -> int:
    """The line of a setting in a configuration file, for messages: `keys` are the path to
    it ("brand", "primary" is the first `primary:` after `brand:`); 1 if not found."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    number = 0
    for key in keys:
        number = next((n for n, line in enumerate(lines[number:], number + 1)
                       if line.strip().startswith(f"{key}:")), None)
        if number is None:
            return 1
    return number


def addon_folder(config_file: Path, key: str, value) -> tuple[Path | None, list[Problem]]:
    """The folder an add-on setting (`extra.<key>`) names, which must be a folder inside the
    add-on's own folder (the one holding its configuration file)."""
    home = config_file.resolve().parent

    def refuse(message: str):
        return None, [Problem(display_name(config_file), setting_line(config_file, key), "-",
                              f"extra.{key}", message)]

    if not isinstance(value, str) or not value.strip():
        return refuse(f"expected the name of a folder next to this file, found {value!r}")
    folder = home / value
    if home != folder.resolve() and home not in folder.resolve().parents:
        return refuse(f"'{value}' is outside the add-on's folder ({home}); an add-on reads "
                      "only folders inside its own folder")
    if folder.is_symlink():
        return refuse(f"'{value}' is a symbolic link; name the folder itself")
    if not folder.is_dir():
        return refuse(f"there is no folder '{value}' next to this file ({home})")
    return folder, []


def addon_data_folders(config_file: Path, value) -> tuple[list[Path], list[Problem]]:
    """An add-on's `extra.data_folders`: a list of folders inside the add-on."""
    if value is None:
        return [], []
    if not isinstance(value, list):
        return [], [Problem(display_name(config_file), setting_line(config_file, "data_folders"),
                            "-", "extra.data_folders",
                            f"expected a list of folders, such as [data], found {value!r}")]
    folders, problems = [], []
    for item in value:
        folder, found = addon_folder(config_file, "data_folders", item)
        problems += found
        if folder:
            folders.append(folder)
    return folders, problems


def copy_assets(source: Path, destination: Path) -> list[Problem]:
    """Copy an add-on's assets into the built site, refusing links and special files."""
    problems = []
    for current, subfolders, files in os.walk(source):
        here = Path(current)
        for name in sorted([*subfolders, *files]):
            reason = _unreadable(here / name, is_folder=name in subfolders)
            if reason:
                problems.append(Problem(display_name(here / name), 1, "-", "-", reason))
    if not problems:
        shutil.copytree(source, destination, dirs_exist_ok=True)
    return problems
