"""Refresh and compile the translations: ``.venv/bin/python resources/translations/build.py``.

1. ``pyside6-lupdate`` collects every ``tr()`` / ``QCoreApplication.translate`` string of ``ui/``
   into ``huxue_zh_CN.ts`` and ``huxue_en.ts`` (existing translations are kept, vanished strings
   dropped).
2. English: the source strings are English, so each translation is its source.
3. Chinese: ``--fill module.py`` fills untranslated strings from the module's ``ZH`` dict
   (source → translation) and ``CONTEXT`` dict ((context, source) → translation); new strings
   can also be translated in Qt Linguist (``pyside6-linguist huxue_zh_CN.ts``).
4. ``pyside6-lrelease`` compiles both ``.qm`` files.

Exits 1 and lists them when a Chinese string is left untranslated (tests/ui check the same).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
TS_FILES = {lang: HERE / f"huxue_{lang}.ts" for lang in ("zh_CN", "en")}


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def _fill(path: Path, translate) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (
                translation.text or ""
            ):
                text = translate(name, source, translation.text or "")
                if text:
                    translation.text = text
                    translation.attrib.pop("type", None)
                else:
                    missing.append((name, source))
    _write(tree, path)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, help="a module with ZH and CONTEXT dicts")
    args = parser.parse_args()
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            *map(str, TS_FILES.values()),
        ],
        check=True,
        cwd=ROOT,
    )
    zh: dict[str, str] = {}
    by_context: dict[tuple[str, str], str] = {}
    if args.fill is not None:
        spec = importlib.util.spec_from_file_location("fill", args.fill)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        zh, by_context = module.ZH, getattr(module, "CONTEXT", {})
    _fill(TS_FILES["en"], lambda _ctx, source, _old: source)
    missing = _fill(
        TS_FILES["zh_CN"],
        lambda ctx, source, old: by_context.get((ctx, source)) or zh.get(source) or old,
    )
    for ts in TS_FILES.values():
        subprocess.run(
            [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
        )
    for context, source in missing:
        print(f"untranslated zh_CN: [{context}] {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
