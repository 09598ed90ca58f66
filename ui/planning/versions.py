"""Publishing a week, comparing two versions of a station's week, and the audit trail."""

from __future__ import annotations

from PySide6.QtCore import QObject

from huxue.database import session_scope
from huxue.errors import ConflictError, HuxueError
from huxue.planning import publish
from huxue.planning_edits import view_state
from huxue.planning_versions import audit_entries, compare_rosters
from huxue.planning_views import roster_versions_of
from ui.planning.host import PlanningHost
from ui.planning.labels import session_label
from ui.planning.panels import AuditModel, AuditRow, DiffModel


class VersionsController(QObject):
    """Publish, the Compare versions tab and the Audit trail tab."""

    def __init__(self, main: PlanningHost) -> None:
        super().__init__(main.view)
        self.main = main
        self.audit_model = AuditModel(self)
        self.diff_model = DiffModel(self)
        view = main.view
        view.audit_table.setModel(self.audit_model)
        view.compare_table.setModel(self.diff_model)
        view.publish.clicked.connect(self._on_publish)
        view.compare_station.currentIndexChanged.connect(self.load_versions)
        view.compare_button.clicked.connect(self._on_compare)

    def publish_week(self) -> int:
        """Publish the scope's current drafts; returns how many were published."""
        main = self.main
        scope = main.scope()
        plan = main.plan
        # Publish what the planner sees: a draft changed since (a solve stored, another
        # planner's edit) is refused and the view reloads to show it.
        seen = (
            view_state(plan, set(plan.ctx.station_ids) | set(plan.rosters))
            if plan is not None and plan.scope == scope
            else None
        )
        try:
            with session_scope(main.ctx.engine) as session:
                done = publish(session, scope.week_start, scope.station_id, expected=seen)
        except HuxueError as exc:
            if isinstance(exc, ConflictError):
                main.reload_duties()
            main.view.banner.show_message(str(exc))
            return 0
        main.reload_duties()
        self.load_versions()
        self.load_audit()
        main.view.notice.show_message(
            self.tr("Published {n} roster(s); later edits open a new version.").format(n=len(done))
        )
        return len(done)

    def load_versions(self, *_args: object) -> None:
        """Fill the version choices of the station chosen on the Compare tab."""
        main = self.main
        v = main.view
        sid = v.compare_station.current_key()
        plan = main.plan
        if sid is None or plan is None:
            return
        with session_scope(main.ctx.engine) as session:
            versions = roster_versions_of(session, plan.scope.week_start, sid)
        for combo in (v.compare_old, v.compare_new):
            combo.clear()
            for r in versions:
                state = self.tr("published") if r.status == "published" else self.tr("draft")
                combo.addItem(f"v{r.version} ({state})", r.id)
        if len(versions) >= 2:
            v.compare_old.setCurrentIndex(len(versions) - 2)
            v.compare_new.setCurrentIndex(len(versions) - 1)
        v.compare_button.setEnabled(len(versions) >= 2)
        self.diff_model.set_rows([])
        v.compare_summary.setText(self.tr("{n} version(s) of this week").format(n=len(versions)))

    def load_audit(self) -> None:
        """Read the audit trail again, newest first."""
        with session_scope(self.main.ctx.engine) as session:
            rows = [
                AuditRow(e.at, e.who, e.action, e.entity, e.before_json, e.after_json)
                for e in audit_entries(session)
            ]
        self.audit_model.set_rows(rows)

    def compare(self, station_id: int, old_id: int, new_id: int) -> None:
        """Show what changed between two stored rosters of a station."""
        main = self.main
        plan = main.plan
        with session_scope(main.ctx.engine) as session:
            diff = compare_rosters(session, old_id, new_id)
        label = (lambda k: session_label(plan, k)) if plan else (lambda k: k)
        moved = {(a.session_key, a.person_code) for a, _ in diff.moved} | {
            (b.session_key, b.person_code) for _, b in diff.moved
        }
        rows = [
            (
                self.tr("moved"),
                f"{a.person_name} ({a.person_code})",
                f"{label(a.session_key)} → {label(b.session_key)}",
            )
            for a, b in diff.moved
        ]
        rows += [
            (self.tr("removed"), f"{c.person_name} ({c.person_code})", label(c.session_key))
            for c in diff.removed
            if (c.session_key, c.person_code) not in moved
        ]
        rows += [
            (self.tr("added"), f"{c.person_name} ({c.person_code})", label(c.session_key))
            for c in diff.added
            if (c.session_key, c.person_code) not in moved
        ]
        self.diff_model.set_rows(rows)
        v = main.view
        v.compare_summary.setText(
            self.tr("{r} removed, {a} added, {m} moved; {p} people concerned").format(
                r=len(diff.removed) - len(diff.moved),
                a=len(diff.added) - len(diff.moved),
                m=len(diff.moved),
                p=len(diff.people),
            )
        )
        v.compare_table.resizeColumnToContents(0)
        v.compare_table.resizeColumnToContents(1)

    def _on_publish(self) -> None:
        if self.main.confirm(
            self.tr("Publish the week?"),
            self.tr(
                "Publishing locks this version of the roster. Later changes open a new "
                "version and are recorded in the audit trail."
            ),
        ):
            self.publish_week()

    def _on_compare(self) -> None:
        v = self.main.view
        old, new = v.compare_old.currentData(), v.compare_new.currentData()
        sid = v.compare_station.current_key()
        if old is None or new is None or sid is None:
            return
        self.compare(sid, int(old), int(new))
