"""The Jimei (集美) demo district: a deterministic, plausible district to explore and test on.

`build_demo` fills an empty database with the six police stations of Jimei, its schools and
kindergartens with their gates and bell times, the 2026/27 terms, and the people who stand guard.
The build is planned in memory first (plain dataclasses, one `random.Random(seed)`), then written
with bulk inserts, so the 276-school district takes well under a second or two.

The force is *calibrated*: each station gets just enough police and auxiliary police that a
careful plan — chaining staggered bell times, keeping police for the risky posts — covers the
week, while a first-come plan runs short where it matters. Every planned record is checked with
the editors' rules before it is written.

The rooms: `plan` (sizes, calibration, the plan's dataclasses, geometry), `schools` and
`people` (generation), `build` (check, write, the demo database the window opens); the place
and person names are `huxue.demo_names`.
"""

from huxue.demo.build import (
    TERMS,
    DemoSummary,
    build_demo,
    check_plan,
    clear_district,
    ensure_demo_database,
)
from huxue.demo.plan import (
    DISTRICT_NAME,
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    REFERENCE_WEEK,
    SIZES,
)

__all__ = [
    "DISTRICT_NAME",
    "LAT_MAX",
    "LAT_MIN",
    "LON_MAX",
    "LON_MIN",
    "REFERENCE_WEEK",
    "SIZES",
    "TERMS",
    "DemoSummary",
    "build_demo",
    "check_plan",
    "clear_district",
    "ensure_demo_database",
]
