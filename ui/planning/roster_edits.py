"""Roster edits by hand: drop a person on a cell (or move them from another), remove, pin.

Each edit is checked by the rules first (`huxue.planning_edits.check_add`, no database), then
stored in one transaction; an edit of a published week asks first, since it opens a new draft
version with an audit entry. Every stored edit goes on the window's undo stack as a
`RosterEditCommand`: undo and redo write through the same checked functions, and refuse (with
the reason) when the week's roster changed in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from huxue.accounts import permission_message
from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.planning import PlanScope
from huxue.planning_edits import EditResult, add_duty, check_add, remove_duty, set_pinned
from huxue.planning_views import WeekPlan
from ui.planning.host import PlanningHost
from ui.planning.labels import session_label


@dataclass(frozen=True)
class Step:
    """One change of a duty: "add" (moving from `from_key` when set), "remove" or "pin"."""

    action: str
    key: str
    code: str
    from_key: str | None = None
    pinned: bool = True


# What a week's roster looks like to an undo: each touched station's roster (id, status) and
# its duties (session, person, pinned). An undo runs only on the roster its edit left.
Fingerprint = tuple[tuple[int, str, tuple[tuple[str, int, bool], ...]], ...]


def fingerprint(plan: WeekPlan, keys: Sequence[str]) -> Fingerprint:
    """The state of the rosters of the stations these sessions belong to."""
    stations = sorted({plan.sessions[k].station_id for k in keys if k in plan.sessions})
    out = []
    for sid in stations:
        roster = plan.rosters.get(sid)
        duties = tuple(
            sorted(
                (d.session_key, d.person_id, d.pinned)
                for key, rows in plan.duties.items()
                if key in plan.sessions and plan.sessions[key].station_id == sid
                for d in rows
            )
        )
        out.append((roster.id if roster else 0, roster.status if roster else "", duties))
    return tuple(out)


class RosterEditCommand(QUndoCommand):
    """A roster edit on the undo stack: `forward` was done when it was pushed; undo runs
    `backward`, redo `forward` again, each only on the roster state the other left."""

    def __init__(
        self,
        edits: EditController,
        text: str,
        scope: PlanScope,
        forward: list[Step],
        backward: list[Step],
        after: Fingerprint,
    ) -> None:
        super().__init__(text)
        self._edits = edits
        self._scope = scope
        self._forward = forward
        self._backward = backward
        self._expected = after
        self._skip_redo = True  # the edit is stored already when the command is pushed

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._replay(self._forward)

    def undo(self) -> None:
        self._replay(self._backward)

    def _replay(self, steps: list[Step]) -> None:
        outcome = self._edits.replay(self._scope, steps, self._expected)
        if isinstance(outcome, str):
            self.setObsolete(True)  # the stack drops it: it can no longer be undone or redone
            self._edits.main.ctx.failed.emit(outcome)
            self._edits.main.view.banner.show_message(outcome)
            return
        self._expected = outcome


class EditController(QObject):
    """Applies manual edits; each returns the problems that refused it ([] when done).
    `edited(session key)` follows every edit that was stored (also by undo and redo)."""

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
        denied = self._denied(plan, [key] + ([from_key] if from_key else []))
        if denied:
            return [denied]
        # The rules first, without the database: a refused drop answers at once.
        problems = check_add(plan, key, person_code, from_key)
        if problems:
            return problems
        if from_key == key:
            return []
        name = self._name(plan, person_code)
        if from_key is None:
            text = self.tr("Add {name} to {duty}").format(name=name, duty=session_label(plan, key))
            backward = [Step("remove", key, person_code)]
        else:
            text = self.tr("Move {name} to {duty}").format(name=name, duty=session_label(plan, key))
            backward = [
                Step("add", from_key, person_code, from_key=key),
                Step(
                    "pin", from_key, person_code, pinned=self._pinned(plan, from_key, person_code)
                ),
            ]
        forward = [Step("add", key, person_code, from_key=from_key)]
        return self._edit(text, [key] + ([from_key] if from_key else []), forward, backward)

    def remove_person(self, key: str, person_code: str) -> list[str]:
        """Take a person off a session."""
        main = self.main
        plan = main.plan
        if plan is None or main.busy():
            return [self._wait()]
        text = self.tr("Remove {name} from {duty}").format(
            name=self._name(plan, person_code), duty=session_label(plan, key)
        )
        backward = [
            Step("add", key, person_code),
            Step("pin", key, person_code, pinned=self._pinned(plan, key, person_code)),
        ]
        return self._edit(text, [key], [Step("remove", key, person_code)], backward)

    def toggle_pin(self, key: str, person_code: str) -> list[str]:
        """Pin a duty (kept through a re-generate) or unpin it."""
        main = self.main
        plan = main.plan
        if plan is None or main.busy():
            return [self._wait()]
        pinned = self._pinned(plan, key, person_code)
        label = self.tr("Unpin {name} at {duty}") if pinned else self.tr("Pin {name} at {duty}")
        text = label.format(name=self._name(plan, person_code), duty=session_label(plan, key))
        forward = [Step("pin", key, person_code, pinned=not pinned)]
        backward = [Step("pin", key, person_code, pinned=pinned)]
        return self._edit(text, [key], forward, backward)

    def replay(
        self, scope: PlanScope, steps: list[Step], expected: Fingerprint
    ) -> Fingerprint | str:
        """Undo or redo: run `steps` on the week of `scope` (shown first) when its roster is
        still as `expected`; returns the roster's state afterwards, or why it was refused."""
        main = self.main
        if main.busy():
            return self._wait()
        if main.plan is None or main.scope() != scope:
            main.set_scope(scope.week_start, scope.station_id)
        else:
            main.reload_duties()  # another planner or window may have changed it
        plan = main.plan
        if plan is None:
            return self.tr("No week is loaded.")
        keys = [k for step in steps for k in (step.key, step.from_key) if k is not None]
        if fingerprint(plan, keys) != expected:
            return self.tr(
                "Cannot undo or redo this edit: the roster of that week changed since "
                "(generated, published or edited again)."
            )
        problems = self._run(plan, steps)
        if problems:
            return self.tr("Refused: {why}").format(why="\n".join(problems))
        self._after_edit(steps[0].key)
        return fingerprint(plan, keys)

    # -- helpers -----------------------------------------------------------------------------

    def _edit(
        self, text: str, keys: list[str], forward: list[Step], backward: list[Step]
    ) -> list[str]:
        main = self.main
        plan = main.plan
        assert plan is not None
        denied = self._denied(plan, keys)
        if denied:
            return [denied]
        if not self._may_edit(keys):
            return [self._cancelled()]
        problems = self._run(plan, forward)
        if problems:
            return problems
        command = RosterEditCommand(
            self, text, plan.scope, forward, backward, fingerprint(plan, keys)
        )
        main.ctx.undo_stack.push(command)
        self._after_edit(keys[0])
        return []

    def _run(self, plan: WeekPlan, steps: list[Step]) -> list[str]:
        """The steps in one transaction, all or nothing; the problems that refused them."""
        main = self.main
        try:
            with session_scope(main.ctx.engine) as session:
                for step in steps:
                    result = self._step(session, plan, step)
                    if not result.done:
                        session.rollback()
                        main.reload_duties()
                        return result.problems
        except HuxueError as exc:
            main.reload_duties()
            return [str(exc)]
        except DBAPIError as exc:  # the server refused it (another station's roster)
            denied = permission_message(exc)
            if denied is None:
                raise
            main.reload_duties()
            return [denied]
        return []

    @staticmethod
    def _step(session: Session, plan: WeekPlan, step: Step) -> EditResult:
        if step.action == "add":
            return add_duty(session, plan, step.key, step.code, from_key=step.from_key)
        if step.action == "remove":
            return remove_duty(session, plan, step.key, step.code)
        return set_pinned(session, plan, step.key, step.code, step.pinned)

    @staticmethod
    def _pinned(plan: WeekPlan, key: str, person_code: str) -> bool:
        info = plan.person_by_code(person_code)
        return any(d.pinned for d in plan.duties.get(key, []) if info and d.person_id == info.id)

    @staticmethod
    def _name(plan: WeekPlan, person_code: str) -> str:
        info = plan.person_by_code(person_code)
        return info.name if info is not None else person_code

    def _denied(self, plan: WeekPlan, keys: list[str]) -> str:
        """Why this login may not change these cells ("": it may): another station's."""
        scope = self.main.ctx.scope
        for key in keys:
            duty = plan.sessions.get(key)
            if duty is not None and not scope.may_write(duty.station_id):
                return self.tr("Read only: {who} may not change another station's roster.").format(
                    who=scope.user
                )
        return ""

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
