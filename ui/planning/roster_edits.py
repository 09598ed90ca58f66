"""Roster edits by hand: drop a person on a cell (or move them from another), remove, pin.

Each edit is checked by the rules first (`huxue.planning_edits.check_add`, no database), then
stored in one transaction; an edit of a published week asks first, since it opens a new draft
version with an audit entry.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.planning_edits import add_duty, check_add, remove_duty, set_pinned
from ui.planning.host import PlanningHost


class EditController(QObject):
    """Applies manual edits; each returns the problems that refused it ([] when done).
    `edited(session key)` follows every edit that was stored."""

    edited = Signal(str)

    def __init__(self, main: PlanningHost) -> None:
        super().__init__(main.view)
        self.main = main

    def drop(self, key: str, person_code: str, from_key: str | None) -> list[str]:
        """Put a person at a session (moving them from `from_key`). Called by the grid's
        `dropMimeData` and the Add button."""
        main = self.main
        plan = main.plan
        if plan is None:
            return [self.tr("No week is loaded.")]
        if main.busy():
            return [self._wait()]
        # The rules first, without the database: a refused drop answers at once.
        problems = check_add(plan, key, person_code, from_key)
        if problems:
            return problems
        if not self._may_edit([key] + ([from_key] if from_key else [])):
            return [self._cancelled()]
        try:
            with session_scope(main.ctx.engine) as session:
                result = add_duty(session, plan, key, person_code, from_key=from_key)
                if not result.done:
                    session.rollback()
        except HuxueError as exc:
            main.reload_duties()
            return [str(exc)]
        if not result.done:
            main.reload_duties()
            return result.problems
        self._after_edit(key)
        return []

    def remove_person(self, key: str, person_code: str) -> list[str]:
        """Take a person off a session."""
        main = self.main
        plan = main.plan
        if plan is None or main.busy():
            return [self._wait()]
        if not self._may_edit([key]):
            return [self._cancelled()]
        with session_scope(main.ctx.engine) as session:
            result = remove_duty(session, plan, key, person_code)
        if not result.done:
            main.reload_duties()
            return result.problems
        self._after_edit(key)
        return []

    def toggle_pin(self, key: str, person_code: str) -> list[str]:
        """Pin a duty (kept through a re-generate) or unpin it."""
        main = self.main
        plan = main.plan
        if plan is None or main.busy():
            return [self._wait()]
        info = plan.person_by_code(person_code)
        pinned = any(d.pinned for d in plan.duties.get(key, []) if info and d.person_id == info.id)
        if not self._may_edit([key]):
            return [self._cancelled()]
        with session_scope(main.ctx.engine) as session:
            result = set_pinned(session, plan, key, person_code, not pinned)
        self._after_edit(key)
        return result.problems

    def _wait(self) -> str:
        return self.tr("Wait for the solve to finish (or stop it) before editing.")

    def _cancelled(self) -> str:
        return self.tr("Cancelled: the published roster was left as it is.")

    def _may_edit(self, keys: list[str]) -> bool:
        main = self.main
        if not main.touches_published(keys):
            return True
        return main.confirm(
            self.tr("Change a published roster?"),
            self.tr(
                "This week's roster is published. The change opens a new draft version and is "
                "recorded in the audit trail (who, when, before and after). Go on?"
            ),
        )

    def _after_edit(self, key: str) -> None:
        main = self.main
        main.view.banner.show_message("")
        main.after_duties(keep_side_lists=True)
        main.refresh_history()
        self.edited.emit(key)
