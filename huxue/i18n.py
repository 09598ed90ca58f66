"""The language of messages the core writes for people (import errors, rule checks).

The GUI sets it together with its own language; headless commands follow ``--lang``, then
``HUXUE_LANG``, then the system locale (Chinese locales → Simplified Chinese), else English.
Each message is written in both languages where it is made, through `pick`.
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("zh_CN", "en")


def _from_environment() -> str:
    for value in (os.environ.get("HUXUE_LANG"), os.environ.get("LC_ALL"), os.environ.get("LANG")):
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        system = locale.getlocale()[0] or ""
    except ValueError:
        system = ""
    return "zh_CN" if system.lower().startswith(("zh", "chinese")) else "en"


_language = _from_environment()


def set_language(lang: str) -> None:
    """Write the core's messages in `lang` ("zh_CN" or "en"; anything else: English)."""
    global _language
    _language = "zh_CN" if lang.lower().startswith("zh") else "en"


def language() -> str:
    """The language of the core's messages now."""
    return _language


def pick(zh: str, en: str) -> str:
    """The message in the current language."""
    return zh if _language == "zh_CN" else en
