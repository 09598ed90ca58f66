"""GUI sub-commands for ``main.py`` (``main.py`` hands `register` to ``huxue.cli.main``).

``screenshot -o DIR [--lang zh_CN|en] [--db PATH] [--size small|district]`` renders each main
page offscreen to ``DIR/<page>.png``: on ``--db``, else the demo database when it holds the demo,
else a demo district built into a temporary database.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `screenshot` to the CLI."""
    parser = sub.add_parser(
        "screenshot",
        help="render each main page of the window as PNG (offscreen)",
        description=(
            "Render the Schools, People, Calendar and Roster pages (and close-ups of the "
            "editors) offscreen to DIR/<page>.png."
        ),
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="DIR", help="output folder"
    )
    parser.add_argument(
        "--lang", dest="shot_lang", choices=["zh_CN", "en"], help="language (default zh_CN)"
    )
    parser.add_argument(
        "--db", dest="sub_db", metavar="PATH-or-URL", help="database (default: the demo)"
    )
    parser.add_argument("--force", action="store_true", help="replace pictures that exist already")
    parser.add_argument(
        "--size",
        choices=["small", "district"],
        default="district",
        help="demo size to build when no database holds one (default district)",
    )
    parser.set_defaults(func=_screenshot)


def _screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from huxue.database import demo_db_path, is_empty, open_database, session_scope
    from huxue.demo import build_demo
    from ui.screenshots import render_pages

    lang = args.shot_lang or getattr(args, "lang", None) or "zh_CN"
    db = getattr(args, "sub_db", None) or getattr(args, "db", None)
    with tempfile.TemporaryDirectory() as folder:
        if db is None and demo_db_path().exists():
            engine = open_database(demo_db_path())
            with session_scope(engine) as session:
                if is_empty(session):
                    engine.dispose()
                    db = None
                else:
                    db = str(demo_db_path())
            engine.dispose()
        if db is None:
            db = str(Path(folder) / "huxue-demo.db")
            engine = open_database(db)
            with session_scope(engine) as session:
                build_demo(session, args.size)
            engine.dispose()
        engine = open_database(db)
        try:
            written = render_pages(engine, args.output, lang)
        finally:
            engine.dispose()
    for path in written:
        print(path)
    return 0
