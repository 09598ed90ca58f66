"""Create, change and delete the district's data: one validated transaction per change.

The editors of the GUI, the CLI and the tests go through these functions. A change is described
by a frozen snapshot (`records`: `StationData`, `SchoolData`, `PersonData`, `TermData`,
`CalendarDayData`): `store.load_…` reads one, `store.save_…` validates it (`validation`, the one
rule set per record kind, shared with the imports and the demo builder) and writes it as a
whole, `store.delete_…` removes it. Undo is "save the snapshot from before". Each function
takes an open session; the caller runs it in one transaction (`huxue.database.session_scope`):
all or nothing.

Validation raises `FieldError` (an `InputError`) before anything is written; it names the field
(``posts.1.needs.arrival.officers``, ``bell_times.0.dismissal``, ``phone`` …), the rule that was
broken and the values involved, so a window can mark the field and say why in its own language.

The rooms: `fields` (times and windows as typed), `records` (snapshots), `validation` (the
rules), `reasons` (a broken rule as a sentence in the core's language, for imports and the CLI),
`store` (load, save, delete), `listings` (table rows and counts), `bells` (the bell grid).
`FieldError` lives in `huxue.errors`, phone numbers in `huxue.phones`.
"""

from huxue.editing.bells import copy_weekday, effective_week, set_cell, week_of
from huxue.editing.fields import (
    WORKDAYS,
    format_window,
    parse_time,
    parse_windows,
)
from huxue.editing.listings import (
    Counts,
    PersonRow,
    SchoolRow,
    StationRow,
    calendar_days,
    counts,
    next_code,
    person_rows,
    school_row,
    school_rows,
    station_row,
    stations,
    terms,
)
from huxue.editing.records import (
    AvailabilityData,
    BellData,
    CalendarDayData,
    DayTimeData,
    LeaveData,
    NeedData,
    PersonData,
    PostData,
    SchoolData,
    StationData,
    TermData,
    VacationData,
)
from huxue.editing.store import (
    delete_calendar_day,
    delete_person,
    delete_school,
    delete_station,
    delete_term,
    kind_defaults,
    load_calendar_day,
    load_person,
    load_school,
    load_station,
    load_term,
    makeup_data,
    makeup_override,
    save_calendar_day,
    save_person,
    save_school,
    save_station,
    save_term,
)
from huxue.editing.validation import (
    check_windows,
    validate_bell_times,
    validate_calendar_day,
    validate_need,
    validate_person,
    validate_school,
    validate_station,
    validate_term,
)
from huxue.errors import FieldError
from huxue.vocabulary import SESSION_KINDS, SESSION_ORDER

__all__ = [
    "SESSION_KINDS",
    "SESSION_ORDER",
    "WORKDAYS",
    "AvailabilityData",
    "BellData",
    "CalendarDayData",
    "Counts",
    "DayTimeData",
    "FieldError",
    "LeaveData",
    "NeedData",
    "PersonData",
    "PersonRow",
    "PostData",
    "SchoolData",
    "SchoolRow",
    "StationData",
    "StationRow",
    "TermData",
    "VacationData",
    "calendar_days",
    "check_windows",
    "copy_weekday",
    "counts",
    "delete_calendar_day",
    "delete_person",
    "delete_school",
    "delete_station",
    "delete_term",
    "effective_week",
    "format_window",
    "kind_defaults",
    "load_calendar_day",
    "load_person",
    "load_school",
    "load_station",
    "load_term",
    "makeup_data",
    "makeup_override",
    "next_code",
    "parse_time",
    "parse_windows",
    "person_rows",
    "save_calendar_day",
    "save_person",
    "save_school",
    "save_station",
    "save_term",
    "school_row",
    "school_rows",
    "set_cell",
    "station_row",
    "stations",
    "terms",
    "validate_bell_times",
    "validate_calendar_day",
    "validate_need",
    "validate_person",
    "validate_school",
    "validate_station",
    "validate_term",
    "week_of",
]
