"""Loading and validating `data/`: every problem is collected, then reported together.

`load_knowledge_base(folders)` is the one entry point: it returns a `KnowledgeBase` or
raises `DataError` listing every problem as `file:line: entry: field: message`. It reads
the data and never writes to it.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .folders import data_files
from .knowledge_base import KnowledgeBase, Located, iter_references
from .model import COLLECTIONS, DATE_FORMAT, MAX_PAGE, SLUG_PATTERN, Record, Theme
from .problems import CONTENT, FORM, NONE, DataError, Problem
from .style import style_problems
from .yaml_files import (
    YamlDocument,
    entry_and_field,
    field_path,
    ids_in_file,
    ids_written_in,
    read_yaml,
)

PARENT_LEVEL = {"main-theme": None, "subtheme": "main-theme", "topic": "subtheme"}


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


# How messages name what a field expected and what it was given, in a contributor's words.
EXPECTED = {
    "list_type": "a list, such as [first-id, second-id]",
    "int_type": "a whole number", "int_parsing": "a whole number",
    "string_type": "text", "bool_type": "true or false",
    "dict_type": "a mapping of fields", "model_type": "a mapping of fields",
}
# A list item with nothing in it: '- ' alone, or '~' (an empty item between commas, '[a, , b]',
# is a syntax slip: yaml_slips.py says the same).
EMPTY_ITEM = "an empty item in this list; remove it or fill it in"


def _given(value: object, written: str | None = None) -> str:
    """What a field was given, in a contributor's words (never a Python type's name);
    `written`: how the file writes a number or true/false, if known."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return written or str(value).lower()
    if isinstance(value, (int, float)):
        return f"a number {written or value}"
    if isinstance(value, str):
        return f"text {value!r}"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) \
        else "a value"


# The words of the messages that the proposal form (in the browser) also shows, so that a
# contributor reads the same sentence there as from `make validate`.
MESSAGES = {
    "missing": "this required field is missing",
    "too_short": "this text is empty or only spaces; write the text, or leave the field out",
    "too_long": "too long: {length} characters, at most {limit} allowed; shorten it or split "
                "it into entries",
    "id_too_long": "this id is {length} characters long, at most {limit} allowed: an id is a "
                   "short name of lowercase letters, digits and single hyphens, e.g. "
                   "'my-new-practice'",
    "invalid_id": "'{value}' is not a valid id: use lowercase letters, digits and single "
                  "hyphens, e.g. 'my-new-practice'",
    "duplicate_id": "duplicate id: already used by the {kind} at {place}; ids must be unique",
    "page_range": "{value} is not a page number: write the page the section starts on, from 1 "
                  f"to {MAX_PAGE}",
    "date": DATE_FORMAT,
}


def _holds_an_id(model: type[BaseModel], loc: tuple) -> bool:
    """Whether the value at `loc` in an entry of `model` is an id: the entry's own, or one it
    refers to (both are `Slug`s, whose pattern says so)."""
    annotation, constraints = model, []
    for part in (*loc, None):
        constraints = []
        while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
            constraints += getattr(annotation, "__metadata__", ())
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        if part is None:
            break
        if isinstance(part, int):  # an item of a list
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) \
                and part in annotation.model_fields:
            annotation = annotation.model_fields[part].rebuild_annotation()
        else:
            return False
    return any(getattr(meta, "pattern", None) == SLUG_PATTERN for meta in constraints)


def field_message(error: dict, model: type[Record], written: str | None = None) -> str:
    """`error` (pydantic's) in a contributor's words; `written`: how the file writes the
    value, where YAML read it as a number or true/false."""
    kind, loc = error["type"], error["loc"]
    if kind == "missing":
        return MESSAGES["missing"]
    if kind in EXPECTED:
        given = error["input"]
        if given is None:
            if isinstance(loc[-1], int):
                return EMPTY_ITEM
            field = model.model_fields.get(loc[0]) if len(loc) == 1 else None
            optional = field is not None and not field.is_required()
            return "this field is empty: write its value after the colon" + \
                (", or remove the line" if optional else "")
        found = f"expected {EXPECTED[kind]}, found {_given(given, written)}"
        if isinstance(given, (list, dict)):
            found += f" {given!r}"
        if kind == "string_type" and isinstance(given, (bool, int, float)):
            as_written = written or (str(given).lower() if isinstance(given, bool) else given)
            found += f": write it in quotes: '{as_written}'"
        return found[:200]
    if kind == "string_too_short":
        return MESSAGES["too_short"]
    if kind == "string_too_long":
        words = MESSAGES["id_too_long" if _holds_an_id(model, loc) else "too_long"]
        return words.format(length=len(error["input"]), limit=error["ctx"]["max_length"])
    if kind in ("greater_than_equal", "less_than_equal") and loc[-1] == "page":
        return MESSAGES["page_range"].format(value=error["input"])
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'{_did_you_mean(str(loc[-1]), model.model_fields)}"
    if kind == "string_pattern_mismatch" and SLUG_PATTERN in str(error.get("ctx", {})):
        return MESSAGES["invalid_id"].format(value=error["input"])
    return error["msg"].removeprefix("Value error, ")


def _ids_of(entries) -> set[str]:
    """The ids written in `entries` (a collection's value, as read), whatever else they hold."""
    items = entries if isinstance(entries, list) else [entries]
    return {item["id"] for item in items
            if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _files(names: list[str], own: str) -> str:
    """'data/a.yml, this file itself and 2 other files': where references come from."""
    shown = sorted(set(names), key=lambda name: (name != own, name))
    words = ["this file itself" if name == own else name for name in shown]
    if len(words) > 3:
        words = [*words[:2], f"{len(words) - 2} other files"]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


class _Validator:
    def __init__(self):
        self.problems: list[Problem] = []
        self.located: list[Located] = []
        self.documents: dict[str, YamlDocument] = {}
        # The ids a file would define but that were not loaded (the file could not be read,
        # or an entry has a problem): a reference to one of them is not checked, for it
        # would be a false 'unknown id'; the file's problems say what to fix. file -> ids
        self.not_loaded: dict[str, set[str]] = {}
        self.unchecked: dict[str, list[str]] = {}  # file -> files of the references into it

    def problem(self, file: str, line: int, entry: str, field: str, message: str,
                stage: int = CONTENT) -> None:
        self.problems.append(Problem(file, line, entry, field, message, stage=stage))

    def check_document(self, document: YamlDocument) -> None:
        file, value = document.file, document.value
        if value is None:
            return self.problem(file, 1, "-", "-", "the file is empty; it should map "
                                "collection names (such as 'practices') to lists of entries",
                                FORM)
        if not isinstance(value, dict):
            self.not_loaded.setdefault(file, set()).update(ids_written_in(document.text))
            return self.problem(file, 1, "-", "-", "expected a mapping of collection names "
                                "(such as 'practices:') to lists of entries, found "
                                f"{_given(value)}"[:300], FORM)
        for path, line, message in document.issues:
            self.problem(file, line, *entry_and_field(value, path), message)
        for collection, entries in value.items():
            line = document.line_of((collection,))
            if collection not in COLLECTIONS or not isinstance(entries, list):
                self.not_loaded.setdefault(file, set()).update(_ids_of(entries))
            if collection not in COLLECTIONS:
                self.problem(file, line, "-", collection, f"unknown collection '{collection}'"
                             f"{_did_you_mean(collection, COLLECTIONS)}; known collections: "
                             + ", ".join(COLLECTIONS))
            elif entries is None:
                self.problem(file, line, "-", collection, "this collection has no entries: "
                             "write them under it, each starting with '- ', or remove the line")
            elif not isinstance(entries, list):
                self.problem(file, line, "-", collection,
                             "expected a list of entries (lines starting with '- '), "
                             f"found {_given(entries)}"[:300])
            else:
                for index, entry in enumerate(entries):
                    self.check_entry(document, collection, index, entry)

    def check_entry(self, document: YamlDocument, collection: str, index: int, raw) -> None:
        model = COLLECTIONS[collection]
        path = (collection, index)
        label = entry_and_field(document.value, path)[0]
        if raw is None:
            return self.problem(document.file, document.line_of(path), label, "-", EMPTY_ITEM)
        if not isinstance(raw, dict):
            return self.problem(document.file, document.line_of(path), label, "-",
                                "expected an entry (a mapping of fields), found "
                                f"{_given(raw, document.written.get(path))}"[:300])
        try:
            entry = model.model_validate(raw)
        except ValidationError as error:
            self.not_loaded.setdefault(document.file, set()).update(_ids_of(raw))
            for detail in error.errors():
                loc = tuple(detail["loc"])
                self.problem(document.file, document.line_of(path + loc), label,
                             field_path(loc),
                             field_message(detail, model, document.written.get(path + loc)))
            return
        self.located.append(Located(entry, collection, document.file, document.line_of(path), index,
                                    document.path))
        self.check_sources(document, path, label, entry)

    def check_sources(self, document: YamlDocument, path: tuple, label: str, entry) -> None:
        """Each source reference once: a second one alike would be cited twice."""
        first: dict[tuple, int] = {}
        for index, source in enumerate(getattr(entry, "sources", ())):
            earlier = first.setdefault((source.document, source.section, source.page), index)
            if earlier != index:
                self.problem(document.file, document.line_of(path + ("sources", index)), label,
                             f"sources[{index}]", f"this source reference repeats sources"
                             f"[{earlier}] above (the same document, section and page); "
                             "remove it")

    def check_ids(self) -> None:
        first: dict[str, Located] = {}
        unique = []
        for item in self.located:
            other = first.setdefault(item.entry.id, item)
            if other is item:
                unique.append(item)
            else:
                self.problem(item.file, item.line, item.entry.id, "id",
                             MESSAGES["duplicate_id"].format(
                                 kind=other.entry.kind, place=f"{other.file}:{other.line}"))
        self.located = unique

    def check_references(self, kb: KnowledgeBase) -> None:
        for item in self.located:
            listed = set()
            for ref in iter_references(item.entry):
                line = self._line(item, ref.path)
                if (ref.path[:-1], ref.target) in listed:
                    self.problem(item.file, line, item.entry.id, ref.field,
                                 f"'{ref.target}' is listed twice; list each id once")
                listed.add((ref.path[:-1], ref.target))
                expected = ref.expected.collections
                wanted = " or ".join(COLLECTIONS[c].kind for c in expected) or "entry"
                owner = next((file for file, ids in self.not_loaded.items()
                               if ref.target in ids), None) if ref.target not in kb else None
                if owner is not None:
                    self.unchecked.setdefault(owner, []).append(item.file)
                elif ref.target not in kb:
                    candidates = [i.entry.id for i in self.located
                                  if not expected or i.collection in expected]
                    self.problem(item.file, line, item.entry.id, ref.field,
                                 f"unknown id '{ref.target}': no {wanted} has this id"
                                 + _did_you_mean(ref.target, candidates))
                elif expected and kb.collection_of(ref.target) not in expected:
                    actual = kb.get(ref.target).kind
                    self.problem(item.file, line, item.entry.id, ref.field,
                                 f"'{ref.target}' is a {actual}, but this field needs a {wanted}")

    def note_unchecked(self) -> None:
        """One line a file: how many references into it were not checked, after its
        problems, which say what to fix first."""
        for file, sources in self.unchecked.items():
            own = [problem for problem in self.problems if problem.file == file]
            last = max(own, key=Problem.sort_key, default=Problem(file, 1, NONE, NONE, ""))
            count, fixed = len(sources), "problem above is" if len(own) == 1 else \
                "problems above are"
            self.problems.append(Problem(
                file, last.line, NONE, NONE,
                f"{count} reference{'s' if count != 1 else ''} into this file, from "
                f"{_files(sources, file)}, {'were' if count != 1 else 'was'} not checked: "
                f"{'they are' if count != 1 else 'it is'} checked once the {fixed} fixed",
                stage=last.stage, follows=True))

    def check_theme_tree(self, kb: KnowledgeBase) -> None:
        for item in self.located:
            theme = item.entry
            if not isinstance(theme, Theme):
                continue
            chain, current = [theme.id], theme
            while isinstance(current, Theme) and current.parent in kb:
                if current.parent in chain:
                    cycle = " -> ".join(chain[chain.index(current.parent):] + [current.parent])
                    self.problem(item.file, self._line(item, ("parent",)), theme.id, "parent",
                                 f"circular parent: {cycle}")
                    break
                chain.append(current.parent)
                current = kb.get(current.parent)
            self._check_level(kb, item, theme)

    def _check_level(self, kb: KnowledgeBase, item: Located, theme: Theme) -> None:
        needed = PARENT_LEVEL[theme.level]
        parent = kb.get(theme.parent) if theme.parent in kb else None
        if needed is None and theme.parent is not None:
            message = "a main theme has no parent"
        elif needed is not None and theme.parent is None:
            message = f"a {theme.level} needs a parent ({needed})"
        elif isinstance(parent, Theme) and parent.level != needed:
            message = f"the parent of a {theme.level} must be a {needed}, " \
                      f"but '{parent.id}' is a {parent.level}"
        else:
            return
        self.problem(item.file, self._line(item, ("parent",)), theme.id, "parent", message)

    def _line(self, item: Located, path: tuple) -> int:
        return self.documents[item.file].line_of((item.collection, item.index) + path)


def load_knowledge_base(folders: list[Path], local_folders: list[Path] = (),
                        layout: bool = False) -> KnowledgeBase:
    """Load `folders` (the knowledge base) and `local_folders` (an organisation's add-on,
    whose entries are validated the same way and marked as local). `layout`: also check
    how the files are laid out (indentation, spacing), as `make validate` and CI do."""
    validator = _Validator()
    files, validator.problems = data_files([*folders, *local_folders])
    for path, name in files:
        document, problems = read_yaml(path, name)
        validator.problems += problems
        if document is None:  # its entries are missing, not absent: the ids it would define
            validator.not_loaded.setdefault(name, set()).update(ids_in_file(path))
            continue
        validator.documents[name] = document
        validator.check_document(document)
        if layout:
            validator.problems += style_problems(document)
    validator.check_ids()
    kb = KnowledgeBase(validator.located, [folder.resolve() for folder in local_folders])
    validator.check_references(kb)
    validator.check_theme_tree(kb)
    validator.note_unchecked()
    if validator.problems:
        raise DataError(validator.problems)
    return kb
