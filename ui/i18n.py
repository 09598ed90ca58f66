"""Languages and the translated names of the domain's values (kinds, roles, weekdays …).

Source strings are English; ``resources/translations/huxue_zh_CN.qm`` (the default) and
``huxue_en.qm`` translate them. `install_language` swaps the translator at run time; every
widget then receives ``QEvent.LanguageChange`` and calls its ``retranslate()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from huxue import i18n as core_i18n

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def tr(context: str, text: str) -> str:
    """Translate `text` at run time (for strings already marked where they are written)."""
    return QCoreApplication.translate(context, text)


def current_language() -> str:
    """The language of the user interface now ("zh_CN" or "en")."""
    return _current


def install_language(lang: str) -> bool:
    """Load Huxue's and Qt's own translations of `lang`; True when Huxue's file was found."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QCoreApplication")
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    core_i18n.set_language(lang)  # messages the core writes (rule checks, import errors)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    found = False
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"huxue_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
        found = True
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{lang}", qt_path):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    if lang == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _current = lang
    return found


def school_kind_name(kind: str) -> str:
    names = {
        "kindergarten": QCoreApplication.translate("Labels", "Kindergarten"),
        "primary": QCoreApplication.translate("Labels", "Primary school"),
        "middle": QCoreApplication.translate("Labels", "Middle school"),
        "high": QCoreApplication.translate("Labels", "High school"),
        "nine_year": QCoreApplication.translate("Labels", "Nine-year school"),
        "vocational": QCoreApplication.translate("Labels", "Vocational school"),
    }
    return names.get(kind, kind)


def session_kind_name(kind: str) -> str:
    names = {
        "arrival": QCoreApplication.translate("Labels", "Arrival"),
        "noon": QCoreApplication.translate("Labels", "Noon"),
        "dismissal": QCoreApplication.translate("Labels", "Dismissal"),
        "after_care": QCoreApplication.translate("Labels", "After-school care"),
        "evening": QCoreApplication.translate("Labels", "Evening study"),
    }
    return names.get(kind, kind)


def session_name(kind: str, seq: int = 1) -> str:
    """A duty session as planners call it: the noon windows are 午间放学 (children leaving for
    lunch) and 午间入校 (coming back), as on the sheets; another second window is "放学（2）"."""
    if kind == "noon" and seq in (1, 2):
        if seq == 1:
            return QCoreApplication.translate("Labels", "Noon dismissal")
        return QCoreApplication.translate("Labels", "Noon return")
    name = session_kind_name(kind)
    if seq <= 1:
        return name
    return QCoreApplication.translate("Labels", "{name} ({n})").format(name=name, n=seq)


def session_seq(key: str) -> int:
    """The window's number within its kind and day, from a session key (``…/noon#2`` → 2)."""
    tail = key.rsplit("#", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else 1


def session_kind_short(kind: str) -> str:
    """A session kind's name for narrow column headers."""
    names = {
        "arrival": QCoreApplication.translate("Labels", "Arrival"),
        "noon": QCoreApplication.translate("Labels", "Noon"),
        "dismissal": QCoreApplication.translate("Labels", "Dismissal"),
        "after_care": QCoreApplication.translate("Labels", "After care"),
        "evening": QCoreApplication.translate("Labels", "Evening"),
    }
    return names.get(kind, kind)


def role_name(role: str) -> str:
    names = {
        "police": QCoreApplication.translate("Labels", "Police officer"),
        "auxiliary": QCoreApplication.translate("Labels", "Auxiliary police"),
        "security": QCoreApplication.translate("Labels", "Security guard"),
        "volunteer": QCoreApplication.translate("Labels", "Volunteer"),
    }
    return names.get(role, role)


def weekday_name(weekday: int) -> str:
    names = (
        QCoreApplication.translate("Labels", "Monday"),
        QCoreApplication.translate("Labels", "Tuesday"),
        QCoreApplication.translate("Labels", "Wednesday"),
        QCoreApplication.translate("Labels", "Thursday"),
        QCoreApplication.translate("Labels", "Friday"),
        QCoreApplication.translate("Labels", "Saturday"),
        QCoreApplication.translate("Labels", "Sunday"),
    )
    return names[weekday] if 0 <= weekday < 7 else str(weekday)


def weekday_short(weekday: int) -> str:
    names = (
        QCoreApplication.translate("Labels", "Mon"),
        QCoreApplication.translate("Labels", "Tue"),
        QCoreApplication.translate("Labels", "Wed"),
        QCoreApplication.translate("Labels", "Thu"),
        QCoreApplication.translate("Labels", "Fri"),
        QCoreApplication.translate("Labels", "Sat"),
        QCoreApplication.translate("Labels", "Sun"),
    )
    return names[weekday] if 0 <= weekday < 7 else str(weekday)


def day_kind_name(kind: str, name: str = "") -> str:
    """A calendar exception's kind; a special day says early release or exam by its name."""
    names = {
        "holiday": QCoreApplication.translate("Labels", "Holiday"),
        "closure": QCoreApplication.translate("Labels", "Closure"),
        "makeup": QCoreApplication.translate("Labels", "Make-up working day"),
        "special": QCoreApplication.translate("Labels", "Own times"),
        "early_release": QCoreApplication.translate("Labels", "Early release"),
        "exam": QCoreApplication.translate("Labels", "Exam day"),
    }
    return names.get(kind, kind)


def scope_name(scope: str) -> str:
    names = {
        "all": QCoreApplication.translate("Labels", "All schools"),
        "kind": QCoreApplication.translate("Labels", "A kind of school"),
        "school": QCoreApplication.translate("Labels", "One school"),
    }
    return names.get(scope, scope)


def risk_name(risk: int) -> str:
    names = {
        1: QCoreApplication.translate("Labels", "1 low"),
        2: QCoreApplication.translate("Labels", "2 medium"),
        3: QCoreApplication.translate("Labels", "3 high"),
    }
    return names.get(risk, "–")


def field_name(field: str) -> str:
    """A readable name for a `FieldError.field` path (``posts.1.needs.arrival.officers``)."""
    parts = field.split(".")
    simple = {
        "code": QCoreApplication.translate("Labels", "Code"),
        "name": QCoreApplication.translate("Labels", "Name"),
        "kind": QCoreApplication.translate("Labels", "Kind"),
        "station": QCoreApplication.translate("Labels", "Police station"),
        "address": QCoreApplication.translate("Labels", "Address"),
        "notes": QCoreApplication.translate("Labels", "Notes"),
        "lat": QCoreApplication.translate("Labels", "Latitude"),
        "lon": QCoreApplication.translate("Labels", "Longitude"),
        "enrolment": QCoreApplication.translate("Labels", "Enrolment"),
        "responsible_person": QCoreApplication.translate("Labels", "Officer in charge"),
        "deputy_person": QCoreApplication.translate("Labels", "Deputy officer in charge"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "role": QCoreApplication.translate("Labels", "Role"),
        "max_per_day": QCoreApplication.translate("Labels", "Max per day"),
        "max_per_week": QCoreApplication.translate("Labels", "Max per week"),
        "history_load": QCoreApplication.translate("Labels", "Earlier load"),
        "first_day": QCoreApplication.translate("Labels", "First day"),
        "last_day": QCoreApplication.translate("Labels", "Last day"),
        "date_from": QCoreApplication.translate("Labels", "From"),
        "date_to": QCoreApplication.translate("Labels", "To"),
        "school": QCoreApplication.translate("Labels", "School"),
        "school_kind": QCoreApplication.translate("Labels", "Kind of school"),
        "follows_weekday": QCoreApplication.translate("Labels", "Follows weekday"),
        "times": QCoreApplication.translate("Labels", "Times"),
        "posts": QCoreApplication.translate("Labels", "Posts"),
        "person": QCoreApplication.translate("Labels", "Person"),
        "preferred_schools": QCoreApplication.translate("Labels", "Preferred schools"),
        "risk": QCoreApplication.translate("Labels", "Risk"),
        "police": QCoreApplication.translate("Labels", "Police"),
        "officers": QCoreApplication.translate("Labels", "Officers"),
        "total": QCoreApplication.translate("Labels", "Total"),
    }
    if parts[0] == "posts" and len(parts) >= 3:
        text = QCoreApplication.translate("Labels", "Post {n}").format(n=int(parts[1]) + 1)
        if parts[2] == "needs" and len(parts) >= 4:
            text += " · " + session_kind_name(parts[3])
            if len(parts) >= 5:
                text += " · " + simple.get(parts[4], parts[4])
        else:
            text += " · " + simple.get(parts[2], parts[2])
        return text
    if parts[0] == "bell_times" and len(parts) >= 2:
        text = QCoreApplication.translate("Labels", "Bell times")
        if parts[1].isdigit():
            text += " · " + weekday_name(int(parts[1]))
        if len(parts) >= 3:
            text += " · " + session_kind_name(parts[2])
        return text
    if parts[0] == "availability":
        text = QCoreApplication.translate("Labels", "Availability")
        if len(parts) >= 2 and parts[1].isdigit():
            text += " · " + weekday_name(int(parts[1]))
        return text
    if parts[0] == "leaves":
        return QCoreApplication.translate("Labels", "Leave")
    if parts[0] == "vacations":
        return QCoreApplication.translate("Labels", "Vacation")
    if parts[0] == "times" and len(parts) >= 2:
        return simple["times"] + " · " + session_kind_name(parts[1])
    return simple.get(parts[0], field)


def error_text(exc: Exception) -> str:
    """A `FieldError` (or any Huxue error) as a sentence in the current language."""
    from huxue.accounts import permission_message
    from huxue.editing import FieldError

    if not isinstance(exc, FieldError):
        # The server's refusal of another station's record: one line, not its SQL.
        return permission_message(exc) or str(exc)
    p = exc.params
    where = field_name(exc.field)
    rule = exc.rule
    if rule == "required":
        why = QCoreApplication.translate("Errors", "must not be empty")
    elif rule == "too_long":
        why = QCoreApplication.translate("Errors", "is longer than {max} characters").format(
            max=p.get("max", "")
        )
    elif rule == "duplicate":
        why = QCoreApplication.translate("Errors", "“{value}” is already used").format(
            value=p.get("value", "")
        )
    elif rule == "unknown":
        why = QCoreApplication.translate("Errors", "is not a known value")
    elif rule == "range":
        why = QCoreApplication.translate("Errors", "{value} is out of range").format(
            value=p.get("value", "")
        )
    elif rule == "time_format":
        why = QCoreApplication.translate(
            "Errors", "“{value}” is not a time; write 07:20-07:55, several separated by ;"
        ).format(value=p.get("value", ""))
    elif rule == "end_before_start":
        why = QCoreApplication.translate(
            "Errors", "the end must come after the start ({start} – {end})"
        ).format(start=_fmt(p.get("start")), end=_fmt(p.get("end")))
    elif rule == "overlap":
        why = QCoreApplication.translate(
            "Errors", "{start}–{end} overlaps {other} ({other_start}–{other_end}) on the same day"
        ).format(
            start=_fmt(p.get("start")),
            end=_fmt(p.get("end")),
            other=session_kind_name(str(p.get("other", ""))),
            other_start=_fmt(p.get("other_start")),
            other_end=_fmt(p.get("other_end")),
        )
    elif rule == "need_order":
        why = QCoreApplication.translate(
            "Errors", "police ≤ officers ≤ total must hold (now {police} / {officers} / {total})"
        ).format(police=p.get("police"), officers=p.get("officers"), total=p.get("total"))
    elif rule == "phone":
        why = QCoreApplication.translate(
            "Errors",
            "“{value}” is not a mobile number (13812345678), a landline with area code "
            "(0592-1234567) or an internal short number (3–6 digits)",
        ).format(value=p.get("value", ""))
    elif rule == "in_use" and "schools" in p:
        why = QCoreApplication.translate(
            "Errors",
            "{schools} schools, {people} people and {rosters} rosters still belong to it; "
            "move them to another station first",
        ).format(
            schools=p.get("schools", 0), people=p.get("people", 0), rosters=p.get("rosters", 0)
        )
    elif rule == "in_use":
        why = QCoreApplication.translate(
            "Errors", "has duties in a roster; set it inactive instead"
        )
    elif rule == "location_pair":
        why = QCoreApplication.translate("Errors", "give both latitude and longitude, or neither")
    elif rule == "outside_term":
        why = QCoreApplication.translate("Errors", "lies outside the term")
    elif rule == "not_police":
        why = QCoreApplication.translate("Errors", "“{value}” is not a police officer").format(
            value=p.get("value", "")
        )
    elif rule == "same_as_responsible":
        why = QCoreApplication.translate("Errors", "must not be the responsible officer")
    else:
        why = exc.message
    return f"{where}: {why}"


def _fmt(value: object) -> str:
    import datetime as dt

    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)
