"""A planner's saves, as the window makes them, for the fault runs (bench/faults_district.py).

    python bench/fault_worker.py DATABASE COUNT

Adds COUNT new people one save at a time through the window's own path (`AppContext.apply`:
validation, one transaction, a save receipt) and prints ``saved CODE`` after each commit — the
moment the window would tell the planner "saved". While the server is away a save is refused
(`ServerAwayError`); the worker keeps its input and tries the same change again, as the window
does when the server is back. It prints ``retried N`` at the end, and exits 1 with ``error …``
when a save is refused for any other reason (a save stored twice would be refused as a
duplicate code).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from huxue import editing  # noqa: E402
from huxue.database import open_database  # noqa: E402
from huxue.errors import HuxueError  # noqa: E402
from huxue.models import Person  # noqa: E402
from huxue.save_once import ServerAwayError  # noqa: E402
from ui.context import AppContext  # noqa: E402

PREFIX = "F"


def main() -> int:
    url, count = sys.argv[1], int(sys.argv[2])
    engine = open_database(url)
    with Session(engine) as s:
        first = s.exec(select(Person.id).order_by(Person.id)).first()
        assert first is not None
        template = editing.load_person(s, first)
    app = QCoreApplication.instance() or QCoreApplication([])  # Qt objects need their app
    ctx = AppContext(engine)
    retried = 0
    for i in range(count):
        code = f"{PREFIX}{i:05d}"
        data = dataclasses.replace(
            template, id=None, code=code, name=f"测试{i}", availability=(), leaves=()
        )
        while True:
            try:
                ctx.apply("person", f"add {code}", None, data)
            except ServerAwayError:
                retried += 1
                time.sleep(0.2)
                continue
            except HuxueError as exc:
                print(f"error {code}: {exc}", flush=True)
                return 1
            break
        print(f"saved {code}", flush=True)
    print(f"retried {retried}", flush=True)
    ctx.undo_stack.clear()
    del ctx, app
    return 0


if __name__ == "__main__":
    sys.exit(main())
