"""Command line: `python -m macros build --engine ENGINE`, `serve` (a preview that builds
again on each change), `validate [DATA_FOLDER ...]` (content and layout of the data files),
`format [DATA_FOLDER ...]` (data and translation files rewritten into the house layout),
`translate LANGUAGE [DATA_FOLDER ...]`, `changes REVISION`, `schema` and `zip`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .engines import ENGINES
from .i18n import languages, load_interface, unrendered_interface_strings
from .interface_strings import interface_messages
from .packaging import offline_folder, write_zip
from .problems import DataError, printable
from .schema import knowledge_base_schema
from .termbase import load_termbases
from .translations import MISSING, STALE, UNRENDERED, load_translations
from .validate import load_knowledge_base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check all data without building the site")
    validate.add_argument("folders", nargs="*", type=Path, default=[Path("data")])
    validate.add_argument("--strict", action="store_true", help="for a release: fail while "
                          "any translation is missing or stale (otherwise work for "
                          "translators, listed, never a failure)")
    layout = commands.add_parser("format", help="rewrite the data files and their translation "
                                 "files into the house layout that validate checks, keeping "
                                 "comments, quotes, key order and values")
    layout.add_argument("folders", nargs="*", type=Path, default=[Path("data")])
    schema = commands.add_parser("schema", help="print the JSON Schema of a data file")
    schema.add_argument("--output", type=Path, help="write to this file instead of stdout")
    build = commands.add_parser("build", help="build the site with an engine, then write the "
                                "downloads, an add-on's assets and the security policy")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs")
    build.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--site-dir", type=Path, help="default: the configuration's site_dir")
    build.add_argument("--pdf", action="store_true", help="a PDF edition of each language "
                       "too, in its pdf/ folder, offered on its downloads page (needs "
                       "WeasyPrint: make pdf)")
    preview = commands.add_parser("serve", help="build the site (every language) and serve "
                                  "it on 127.0.0.1, building again when a file changes")
    preview.add_argument("--engine", choices=ENGINES, default="mkdocs")
    preview.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    preview.add_argument("--port", type=int, default=8000, help="0: any free port")
    package = commands.add_parser("zip", help="zip a built site reproducibly, into one folder "
                                  "named after the site and its version")
    package.add_argument("folder", type=Path)
    package.add_argument("archive", type=Path)
    package.add_argument("--config-file", type=Path, default=Path("mkdocs.offline.yml"),
                         help="what the site was built from: an add-on's names its zip's "
                         "folder after the add-on's folder")
    since = commands.add_parser("changes", help="entries added, changed and removed since "
                                "a commit or tag, for a release note")
    since.add_argument("revision")
    translate = commands.add_parser(
        "translate", help="write or update the translation files of a language, keeping "
        "what is translated: the fields still to translate, with their English")
    translate.add_argument("language", help="e.g. fr, de, es")
    translate.add_argument("folders", nargs="*", type=Path, default=[Path("data")],
                           help="data folders as for validate; the files are written into "
                           "the last (an add-on's own, after the upstream data)")
    addon = commands.add_parser("addon-new", help="write a working add-on into a folder")
    addon.add_argument("folder", type=Path)
    args = parser.parse_args(argv)

    if args.command == "addon-new":
        from .addon import write_addon
        files = write_addon(args.folder, Path(__file__).resolve().parent.parent)
        print(f"An add-on in {printable(args.folder.resolve(), 600)}: " + ", ".join(
            file.relative_to(args.folder.resolve()).as_posix() for file in files))
        return 0

    if args.command == "format":
        from .formatter import format_folders
        changed, unchanged, problems = format_folders(args.folders)
        print("".join(f"formatted: {printable(name, 600)}\n" for name in changed), end="")
        print(f"{len(changed)} file{'s' if len(changed) != 1 else ''} formatted, {unchanged} "
              "already in the house layout.")
        if problems:
            count = len(problems)
            print(f"{count} problem{'s' if count != 1 else ''} to fix by hand (a file that "
                  "cannot be read as it is written is left as it is):", file=sys.stderr)
            print("\n".join(map(str, DataError(problems).problems)), file=sys.stderr)
            return 1
        return 0

    if args.command == "translate":
        from .translations import language_problem, scaffold
        refused = language_problem(args.language)
        if refused:  # a folder the site could never build, and which validate refuses
            print(f"translate: {printable(refused, 1000)}", file=sys.stderr)
            return 2
        try:
            kb = load_knowledge_base(args.folders)
        except DataError as error:
            print(error, file=sys.stderr)
            return 1
        for path in scaffold(kb, args.folders[-1], args.language):
            print(f"written: {printable(path.as_posix(), 600)}")
        return print_conventions(args.folders, args.language)

    if args.command == "changes":
        from .changes import changes_since
        from .history import History
        try:
            found = changes_since(Path.cwd(), args.revision)
        except DataError as error:  # either version's data: its problems, not a traceback
            print(error, file=sys.stderr)
            return 1
        now = History(Path.cwd()).version or "unversioned"
        print(f"Changes for readers from {printable(args.revision)} to {printable(now)}: "
              f"{len(found)} entr{'y' if len(found) == 1 else 'ies'}")
        print("\n".join(map(str, found)))
        return 0

    if args.command == "build":
        from .build import build  # imports the engine's glue only when building
        build(args.engine, args.config_file, args.site_dir, args.pdf)
        return 0

    if args.command == "serve":
        from .preview import serve
        serve(args.engine, args.config_file, args.port, args.config_file.resolve().parent)
        return 0

    if args.command == "zip":
        top = offline_folder(args.config_file, args.folder)
        write_zip(args.folder, args.archive, top)
        print(f"{printable(args.archive, 600)}: unzip it anywhere, then open "
              f"{printable(top, 600)}/index.html in a browser.")
        return 0

    if args.command == "schema":
        text = json.dumps(knowledge_base_schema(), indent=2, ensure_ascii=False) + "\n"
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0

    kb, translations, problems = None, None, []
    try:  # every stage that can run, so that one run lists every problem
        kb = load_knowledge_base(args.folders, layout=True)
        translations = load_translations(args.folders, kb)
    except DataError as error:
        problems += error.problems
    for language in languages(args.folders):  # the site's own strings, whatever the data
        try:
            load_interface(args.folders, language)
        except DataError as error:
            problems += error.problems
    if problems:
        print(DataError(problems), file=sys.stderr)
        return 1
    # Every name, path and text below is printed through `printable`: a folder named with a
    # newline, `::error::` (a CI annotation) or an escape sequence prints as escapes, so each
    # line starts with our own words or indentation, never with a file's.
    shown = ", ".join(printable(folder, 600) for folder in args.folders)
    print(f"OK: {len(kb.all())} entries in {shown} are valid.")
    report = translations.report(kb)
    for language, found in report.items():
        print(f"Translations ({printable(language)}): {len(found[MISSING])} missing, "
              f"{len(found[STALE])} stale (the English changed since)")
        for status in (STALE, MISSING):
            print("".join(f"  {status}: {printable(place, 600)}\n" for place in found[status]),
                  end="")
    messages = interface_messages() if translations.languages else []
    untranslated = sum(len(found[status]) for found in report.values()
                       for status in (MISSING, STALE))
    for language in translations.languages:
        strings = load_interface(args.folders, language)
        lacking = [text for text in messages if text not in strings]
        untranslated += len(lacking)
        print(f"Interface strings ({printable(language)}): {len(lacking)} missing")
        print("".join(f'  missing: translations/{printable(language)}/interface.yml: '
                      f'"{printable(text, len(text))}"\n' for text in lacking), end="")
        print_terms_to_check(args.folders, language, report[language][UNRENDERED], strings)
    # Terms to check never count here: each may be a false alarm (see termbase.py).
    if args.strict and untranslated:
        print(f"Not ready for a release: {untranslated} translations missing or stale (listed "
              "above); `make translation LANGUAGE=…` writes what is left to do.",
              file=sys.stderr)
        return 1
    return 0


def print_conventions(folders: list[Path], language: str) -> int:
    """What a translator starts from: the language's conventions and how many terms its
    termbase has; 1 if a terms.yml has a problem (listed), for it would fail validation."""
    termbases, problems = load_termbases(folders, language)
    if problems:
        print(DataError(problems), file=sys.stderr)
        return 1
    termbase = termbases[-1]
    if termbase.terms or termbase.conventions:
        print(f"Conventions for {printable(language)}, and {len(termbase.terms)} terms to "
              f"render as translations/{printable(language)}/terms.yml says:")
        print("".join(f"  - {printable(line, 600)}\n" for line in termbase.conventions), end="")
    return 0


def print_terms_to_check(folders: list[Path], language: str, fields: list[str],
                         strings: dict[str, str]) -> None:
    """The translations, of data and of interface strings, whose English has a term of the
    language's termbase and which use none of its renderings: work for translators, listed
    like missing and stale translations, never a failure."""
    if not load_termbases(folders, language)[0][-1].terms:
        return
    places = fields + [f"translations/{language}/interface.yml: {found}"
                       for found in unrendered_interface_strings(folders, language, strings)]
    print(f"Terms ({printable(language)}): {len(places)} to check (a term of the English, "
          "and none of its renderings in the translation; never a failure)")
    print("".join(f"  term: {printable(place, 600)}\n" for place in places), end="")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `python -m macros validate | head`: the reader had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
