"""Table rows and counts."""

from __future__ import annotations

from huxue import editing
from tests.huxue.editing.conftest import Edits


def test_listings_and_counts(editor: Edits, ids: dict[str, int]) -> None:
    rows = editor.run(editing.school_rows)
    primary = next(r for r in rows if r.id == ids["primary"])
    assert (primary.posts, primary.max_risk, primary.station_name) == (2, 3, "集美派出所")
    people = editor.run(editing.person_rows)
    assert len(people) == 3
    counts = editor.run(editing.counts)
    assert (counts.stations, counts.schools, counts.posts, counts.people) == (2, 3, 4, 3)
