"""Generated stations, schools, their gates, needs and bell times."""

from __future__ import annotations

import random
from collections.abc import Sequence

from huxue.demo.plan import (
    _KIND_BELLS,
    _KIND_SHARES,
    _WEEKDAYS,
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    _Bell,
    _near,
    _Need,
    _Post,
    _School,
    _weighted,
)
from huxue.demo_names import (
    CITY_EXTRA_STATIONS,
    JIMEI_STATIONS,
    KINDER_ADJ,
    ORDINALS,
    PLACE_SUFFIXES,
    ROAD_SUFFIXES,
    SCHOOL_ADJ,
    TRADES,
    StationSpec,
)
from huxue.models import (
    SchoolKind,
    SessionKind,
)


def _stations_for(size: str, rng: random.Random) -> list[StationSpec]:
    if size != "city":
        return list(JIMEI_STATIONS[:2] if size == "small" else JIMEI_STATIONS)
    # A city keeps Jimei's six stations and adds 24 more on a jittered grid over the box, so
    # each station keeps a district-like load (~50 schools) and a city-wide solve decomposes
    # into station sub-models of realistic size instead of six giant ones.
    stations = list(JIMEI_STATIONS)
    cols, rows = 6, 4
    for i, (code, stem) in enumerate(CITY_EXTRA_STATIONS):
        row, col = divmod(i, cols)
        lat = LAT_MIN + 0.02 + (row + 0.5) * (LAT_MAX - LAT_MIN - 0.04) / rows
        lon = LON_MIN + 0.02 + (col + 0.5) * (LON_MAX - LON_MIN - 0.04) / cols
        lat += rng.uniform(-0.006, 0.006)
        lon += rng.uniform(-0.006, 0.006)
        places = tuple(stem + suffix for suffix in PLACE_SUFFIXES)
        roads = tuple(stem + suffix for suffix in ROAD_SUFFIXES)
        stations.append(
            StationSpec(
                code, f"{stem}派出所", f"{stem}街道", round(lat, 6), round(lon, 6), places, roads
            )
        )
    return stations


def _school_counts(size: str, n_stations: int, rng: random.Random) -> list[int]:
    if size == "small":
        return [12, 8]
    if size == "district":
        # Jimei's 276 schools: the old town and 杏林 are densest.
        return [60, 40, 45, 45, 45, 41]
    return [50 + rng.randint(-6, 6) for _ in range(n_stations)]


def _kind_sequence(n: int, rng: random.Random) -> list[SchoolKind]:
    """`n` school kinds in the district's shares (largest remainder), shuffled."""
    raw = [(kind, share * n) for kind, share in _KIND_SHARES]
    counts = {kind: int(x) for kind, x in raw}
    rest = n - sum(counts.values())
    for kind, _share in sorted(raw, key=lambda kx: kx[1] - int(kx[1]), reverse=True)[:rest]:
        counts[kind] += 1
    kinds = [kind for kind, _ in _KIND_SHARES for _ in range(counts[kind])]
    rng.shuffle(kinds)
    return kinds


def _school_name(rng: random.Random, kind: SchoolKind, places: Sequence[str]) -> str:
    p = rng.choice(places)
    o = rng.choice(ORDINALS[:6])
    patterns: Sequence[str]
    if kind is SchoolKind.KINDERGARTEN:
        patterns = (
            f"{p}幼儿园",
            f"{p}中心幼儿园",
            f"{p}第{o}幼儿园",
            f"{p}{rng.choice(KINDER_ADJ)}幼儿园",
            f"集美区第{rng.choice(ORDINALS)}实验幼儿园",
            f"{p}实验幼儿园",
        )
    elif kind is SchoolKind.PRIMARY:
        patterns = (
            f"{p}小学",
            f"{p}中心小学",
            f"{p}第{o}小学",
            f"{p}实验小学",
            f"{p}{rng.choice(SCHOOL_ADJ)}小学",
        )
    elif kind is SchoolKind.MIDDLE:
        patterns = (f"{p}中学", f"{p}第{o}中学", f"{p}初级中学", f"{p}实验中学")
    elif kind is SchoolKind.HIGH:
        patterns = (f"{p}高级中学", f"集美区第{o}高级中学", f"{p}{rng.choice(SCHOOL_ADJ)}中学")
    elif kind is SchoolKind.NINE_YEAR:
        patterns = (f"{p}九年一贯制学校", f"{p}实验学校", f"{p}{rng.choice(SCHOOL_ADJ)}学校")
    else:
        patterns = (
            f"{p}职业技术学校",
            f"{p}中等职业学校",
            f"集美区{rng.choice(TRADES)}职业学校",
        )
    return rng.choice(patterns)


_SUFFIX: dict[SchoolKind, str] = {
    SchoolKind.KINDERGARTEN: "幼儿园",
    SchoolKind.PRIMARY: "小学",
    SchoolKind.MIDDLE: "中学",
    SchoolKind.HIGH: "高级中学",
    SchoolKind.NINE_YEAR: "学校",
    SchoolKind.VOCATIONAL: "职业学校",
}


def _chinese_number(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ORDINALS[tens - 1] + "十")
    return head + (ORDINALS[ones - 1] if ones else "")


def _offset(rng: random.Random) -> int:
    return _weighted(rng, ((-15, 1), (-10, 2), (-5, 2), (0, 4), (5, 2), (10, 2), (15, 1)))


def _school_week(rng: random.Random, kind: SchoolKind) -> tuple[dict[int, list[_Bell]], bool, str]:
    """A school's weekly sessions, whether they differ from the kind's, and a note."""
    base = _KIND_BELLS[kind]
    arr_shift, dis_shift = _offset(rng), _offset(rng)
    notes: list[str] = []
    noon = after_care = two_dismissals = friday_early = evening = False
    evening_end = 0
    if kind is SchoolKind.PRIMARY:
        noon = rng.random() < 0.12
        after_care = rng.random() < 0.20
        two_dismissals = rng.random() < 0.12
        friday_early = rng.random() < 0.30
    elif kind is SchoolKind.NINE_YEAR:
        two_dismissals = rng.random() < 0.25
        evening = rng.random() < 0.25
    elif kind is SchoolKind.KINDERGARTEN:
        friday_early = rng.random() < 0.25
    elif kind is SchoolKind.MIDDLE:
        evening = rng.random() < 0.30
    elif kind is SchoolKind.HIGH:
        evening = rng.random() < 0.60
    if evening:
        evening_end = rng.choice((21 * 60, 21 * 60 + 10, 21 * 60 + 20, 21 * 60 + 30, 21 * 60 + 40))
    week: dict[int, list[_Bell]] = {}
    for weekday in _WEEKDAYS:
        day: list[_Bell] = []
        for session_kind, start, end in base:
            shift = arr_shift if session_kind is SessionKind.ARRIVAL else dis_shift
            if session_kind is SessionKind.DISMISSAL:
                if weekday == 4 and friday_early:
                    shift -= 30
                if two_dismissals:
                    # Lower grades first, upper grades 40 minutes later.
                    day.append(_Bell(session_kind, 1, start + shift - 10, end + shift - 10))
                    day.append(_Bell(session_kind, 2, start + shift + 30, end + shift + 30))
                    continue
            day.append(_Bell(session_kind, 1, start + shift, end + shift))
        if noon:
            day.append(_Bell(SessionKind.NOON, 1, 11 * 60 + 40, 12 * 60 + 10))
            day.append(_Bell(SessionKind.NOON, 2, 13 * 60 + 50, 14 * 60 + 20))
        if after_care and weekday < 4:
            day.append(_Bell(SessionKind.AFTER_CARE, 1, 17 * 60 + 30, 18 * 60))
        if evening and weekday < 4:
            day.append(_Bell(SessionKind.EVENING, 1, evening_end - 30, evening_end))
        day.sort(key=lambda b: b.start)
        week[weekday] = day
    if noon:
        notes.append("午间放学 noon release")
    if after_care:
        notes.append("课后延时服务至18:00 after-school care")
    if two_dismissals:
        notes.append("分年级错峰放学 staggered dismissal")
    if friday_early:
        notes.append("周五提前放学 early Friday dismissal")
    if evening:
        notes.append("晚自习 evening study")
    differs = bool(arr_shift or dis_shift or notes)
    return week, differs, "；".join(notes)


_GATES: tuple[str, ...] = ("北门", "南门", "东门", "西门")


def _posts_for(rng: random.Random, school: _School, roads: Sequence[str]) -> None:
    kind = school.kind
    if kind is SchoolKind.KINDERGARTEN:
        n = _weighted(rng, ((1, 0.95), (2, 0.05)))
    elif kind is SchoolKind.VOCATIONAL:
        n = _weighted(rng, ((1, 0.6), (2, 0.4)))
    else:
        n = _weighted(rng, ((1, 0.65), (2, 0.27), (3, 0.08)))
    gates = list(_GATES)
    rng.shuffle(gates)
    kinds_present: list[SessionKind] = []
    for day in school.week.values():
        for bell in day:
            if bell.kind not in kinds_present:
                kinds_present.append(bell.kind)
    kinds_present.sort(key=list(SessionKind).index)
    big = school.enrolment >= {
        SchoolKind.PRIMARY: 1800,
        SchoolKind.MIDDLE: 1500,
        SchoolKind.HIGH: 1600,
        SchoolKind.NINE_YEAR: 1600,
    }.get(kind, 10**9)
    for i in range(n):
        if i == 0:
            name, role = gates[0], "main"
        elif kind is not SchoolKind.KINDERGARTEN and rng.random() < 0.4:
            name, role = f"{rng.choice(roads)}路口", "crossing"
            if name in (p.name for p in school.posts):
                name, role = gates[i], "side"
        else:
            name, role = (gates[i], "side") if rng.random() < 0.7 else ("侧门", "side")
            if name in (p.name for p in school.posts):
                name = gates[i]
        if role == "main":
            # Main gates of big schools on a main road are the riskiest posts.
            if big and rng.random() < 0.75:
                risk = 3
            elif kind is SchoolKind.KINDERGARTEN:
                risk = _weighted(rng, ((1, 0.65), (2, 0.35)))
            else:
                risk = _weighted(rng, ((1, 0.35), (2, 0.55), (3, 0.10)))
            kinds = kinds_present
            if kind is SchoolKind.KINDERGARTEN and (risk == 1 or school.enrolment < 250):
                # A quiet kindergarten's arrival is spread over 40 minutes and parents walk
                # the children in: only its dismissal is guarded.
                kinds = [k for k in kinds if k is not SessionKind.ARRIVAL]
        elif role == "crossing":
            risk = _weighted(rng, ((1, 0.25), (2, 0.55), (3, 0.20)))
            # A crossing is guarded at dismissal; in the morning only when it is risky.
            guarded = (
                (SessionKind.ARRIVAL, SessionKind.DISMISSAL)
                if risk == 3
                else (SessionKind.DISMISSAL,)
            )
            kinds = [k for k in kinds_present if k in guarded]
        else:
            risk = _weighted(rng, ((1, 0.8), (2, 0.2)))
            kinds = [SessionKind.DISMISSAL]
        distance = 0.0 if role == "main" else (0.25 if role == "crossing" else 0.12)
        lat, lon = (
            (school.lat, school.lon)
            if distance == 0.0
            else _near(rng, school.lat, school.lon, distance)
        )
        post = _Post(f"{school.code}-{i + 1}", name, lat, lon, risk)
        for session_kind in kinds:
            post.needs.append(_need(session_kind, risk, big and role == "main"))
        school.posts.append(post)


def _need(kind: SessionKind, risk: int, big_main: bool) -> _Need:
    if kind in (SessionKind.ARRIVAL, SessionKind.DISMISSAL):
        if risk == 3:
            # A big school's dismissal crowd needs a second pair of hands beside the police.
            return _Need(kind, 1, 1, 2 if kind is SessionKind.DISMISSAL and big_main else 1)
        if risk == 2:
            return _Need(kind, 0, 1, 1)
        return _Need(kind, 0, 0, 1)
    if kind is SessionKind.EVENING:
        return _Need(kind, 0, 1 if risk >= 2 else 0, 1)
    if kind is SessionKind.NOON:
        return _Need(kind, 0, 1 if risk == 3 else 0, 1)
    return _Need(kind, 0, 0, 1)
