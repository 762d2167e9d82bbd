"""An add-on's brand colours, as a stylesheet that applies on every page, in light and dark.

An add-on names two colours in its configuration:

    extra:
      brand:
        primary: "#00695c"   # the header, and links on light pages: white text on it
        accent: "#b4491e"    # links under the pointer, and focus rings

with `primary: custom` and `accent: custom` in its palette, which is how Material lets a
site define its own colours. (CSS variables set on `:root` lose to the palette Material
sets on `<body>`, so the first add-on example's colours never showed.) The build refuses
colours that fail WCAG 2.1 AA contrast, naming the setting; links on dark pages get the
primary colour lightened until they pass.
"""

from __future__ import annotations

import re
from pathlib import Path

from .folders import display_name, setting_line
from .problems import Problem

FILE = "brand-colours.css"  # written into the built site's add-on folder
WHITE, SLATE = "#ffffff", "#1e2129"  # Material's text on primary; its dark background
TEXT, UI = 4.5, 3.0  # WCAG 2.1 AA: normal text (1.4.3), user-interface parts (1.4.11)
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def lightened(colour: str, background: str, needed: float) -> str:
    """`colour` mixed with white, a step at a time, until it reaches `needed` on
    `background`."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(21):
        mixed = "#" + "".join(f"{round(c + (255 - c) * step / 20):02x}" for c in channels)
        if contrast(mixed, background) >= needed:
            return mixed
    return WHITE


def brand_problems(config_file: Path, brand) -> list[Problem]:
    def refuse(field: str, message: str) -> Problem:
        line = setting_line(config_file, "brand", *([field] if field != "-" else []))
        return Problem(display_name(config_file), line, "-", f"extra.brand.{field}", message)

    if not isinstance(brand, dict) or set(brand) != {"primary", "accent"}:
        return [refuse("-", "expected 'primary' and 'accent', each a colour such as "
                            "\"#00695c\"")]
    problems = [refuse(field, f"expected a colour written #rrggbb, found {value!r}")
                for field, value in brand.items() if not isinstance(value, str)
                or not HEX.match(value)]
    if problems:
        return problems
    primary, accent = brand["primary"].lower(), brand["accent"].lower()
    if contrast(primary, WHITE) < TEXT:
        problems.append(refuse("primary", f"{primary} has a contrast of "
                               f"{contrast(primary, WHITE):.2f}:1 with white text and with "
                               f"a white page; WCAG AA needs {TEXT}:1: choose a darker colour"))
    if contrast(accent, WHITE) < UI:
        problems.append(refuse("accent", f"{accent} has a contrast of "
                               f"{contrast(accent, WHITE):.2f}:1 on a white page; WCAG AA "
                               f"needs {UI}:1 for links under the pointer and focus rings: "
                               "choose a darker colour"))
    return problems


def stylesheet(brand: dict) -> str:
    primary, accent = brand["primary"].lower(), brand["accent"].lower()
    on_dark = lightened(primary, SLATE, TEXT)
    accent_on_dark = lightened(accent, SLATE, UI)
    return f"""/* The add-on's brand colours (extra.brand), written by the build. */
[data-md-color-primary="custom"] {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {primary};
  --md-primary-fg-color--dark: {primary};
  --md-primary-bg-color: {WHITE};
  --md-primary-bg-color--light: {WHITE}b3;
}}
[data-md-color-accent="custom"] {{
  --md-accent-fg-color: {accent};
  --md-accent-fg-color--transparent: {accent}1a;
  --md-accent-bg-color: {WHITE};
  --md-accent-bg-color--light: {WHITE}b3;
}}
[data-md-color-scheme="slate"][data-md-color-primary="custom"] {{
  --md-typeset-a-color: {on_dark};
}}
[data-md-color-scheme="slate"][data-md-color-accent="custom"] {{
  --md-accent-fg-color: {accent_on_dark};
}}
"""
