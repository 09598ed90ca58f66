"""Each person's turnout of the last weeks, where people are shown: the person editor and the
planning page's list of free people."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.attendance.learn import DEFAULT_WEEKS, recent_turnout
from huxue.attendance.reports import Tally


def turnout_short(tally: Tally | None) -> str:
    """ "到岗率 92 %" for a list entry ("" when nothing is recorded)."""
    if tally is None or tally.turnout is None:
        return ""
    return QCoreApplication.translate("Turnout", "Turnout") + f" {100 * tally.turnout:.0f} %"


def turnout_sentence(tally: Tally | None, weeks: int = DEFAULT_WEEKS) -> str:
    """ "近 8 周 12 个班次中到岗 11 个" (or that nothing is recorded)."""
    if tally is None or not tally.recorded:
        return QCoreApplication.translate(
            "Turnout", "No attendance recorded in the last %1 weeks"
        ).replace("%1", str(weeks))
    text = (
        QCoreApplication.translate("Turnout", "%1 of %2 duties (last %3 weeks)")
        .replace("%1", str(tally.attended))
        .replace("%2", str(tally.recorded))
        .replace("%3", str(weeks))
    )
    return f"{turnout_short(tally)} · {text}"


class TurnoutLabel(QLabel):
    """A line under a person's name: their turnout of the last weeks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def show_person(
        self, engine: Engine, person_id: int | None, today: dt.date | None = None
    ) -> None:
        """Read and show the person's turnout (nothing for a new person)."""
        if person_id is None:
            self.setText("")
            return
        with Session(engine) as session:
            tally = recent_turnout(session, today=today, person_ids=[person_id]).get(person_id)
        self.setText(turnout_sentence(tally))
