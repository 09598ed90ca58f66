"""Import schools, posts, bell times and people from XLSX or CSV, and write their templates.

Every row is validated before anything is written; a file with any error imports nothing and
the report lists each error's row, column, value and reason. Rows are matched by code (bell
times by school or school kind, weekday, session kind and sequence), so importing the same file
twice updates instead of duplicating. The write is one transaction.

CSV files may be UTF-8 (with or without BOM) or GBK/GB18030, which is what Excel on a Chinese
Windows saves. Coordinates may be WGS-84 (GPS), GCJ-02 (Amap, Tencent) or BD-09 (Baidu), as a
column says; they are stored as WGS-84.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from huxue.editing import FieldError, validate_phone
from huxue.errors import InputError
from huxue.files import atomic_output
from huxue.i18n import pick
from huxue.models import (
    Availability,
    BellTime,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    School,
    Station,
)
from huxue.reports.data import ROLE_LABELS, SCHOOL_KIND_LABELS, SESSION_LABELS
from solver.limits import LIMITS

KINDS = ("schools", "posts", "bells", "people")

# --------------------------------------------------------------------------------------------
# Coordinates: the published WGS-84 ⇄ GCJ-02 ⇄ BD-09 formulas.

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0


def out_of_china(lat: float, lon: float) -> bool:
    """True outside the rough box where GCJ-02 shifts coordinates (there it equals WGS-84)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    return ret


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """GPS coordinates as Chinese map apps (GCJ-02) show them."""
    if out_of_china(lat, lon):
        return lat, lon
    d_lat = _transform_lat(lon - 105.0, lat - 35.0)
    d_lon = _transform_lon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return lat + d_lat, lon + d_lon


def gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 coordinates as Baidu Maps (BD-09) shows them."""
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def _invert(
    forward: Callable[[float, float], tuple[float, float]], lat: float, lon: float
) -> tuple[float, float]:
    """Solve forward(x) = (lat, lon) by fixed-point iteration; the shifts are smooth and small,
    so a few steps reach far below a millimetre (the closed 'inverse' formulas err by metres)."""
    guess_lat, guess_lon = lat, lon
    for _ in range(30):
        f_lat, f_lon = forward(guess_lat, guess_lon)
        d_lat, d_lon = f_lat - lat, f_lon - lon
        guess_lat -= d_lat
        guess_lon -= d_lon
        if abs(d_lat) < 1e-11 and abs(d_lon) < 1e-11:
            break
    return guess_lat, guess_lon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 (Amap, Tencent) coordinates as GPS (WGS-84)."""
    return _invert(wgs84_to_gcj02, lat, lon)


def bd09_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """BD-09 (Baidu) coordinates as GCJ-02."""
    return _invert(gcj02_to_bd09, lat, lon)


COORD_SYSTEMS = {
    **dict.fromkeys(("wgs84", "wgs", "gps"), "WGS-84"),
    **dict.fromkeys(("gcj02", "gcj", "火星", "火星坐标", "高德", "腾讯"), "GCJ-02"),
    **dict.fromkeys(("bd09", "bd", "百度"), "BD-09"),
}


def to_wgs84(lat: float, lon: float, system: str) -> tuple[float, float]:
    """Coordinates in `system` ("WGS-84", "GCJ-02" or "BD-09") as WGS-84."""
    if system == "WGS-84":
        return lat, lon
    if system == "GCJ-02":
        return gcj02_to_wgs84(lat, lon)
    if system == "BD-09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lat, lon))
    raise ValueError(f"unknown coordinate system {system!r}")


# --------------------------------------------------------------------------------------------
# Reports


@dataclass(frozen=True)
class RowError:
    """One problem in an import file. `row` is the spreadsheet row (1 is the header row)."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            where = pick(
                f"第 {self.row} 行，“{self.column}”列", f"row {self.row}, column {self.column}"
            )
        else:
            where = pick(f"第 {self.row} 行", f"row {self.row}")
        shown = f" {self.value!r}" if self.value else ""
        return f"{where}:{shown} {self.reason}"


@dataclass
class ImportReport:
    """What an import did (nothing, when `errors` is not empty)."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file was imported."""
        return not self.errors


# --------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class Column:
    """A column of an import file: its key, the header a template writes, other accepted
    headers, and the explanation on the template's notes sheet."""

    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""


# The Chinese names a file may use are the ones the sheets print (one glossary).
_SESSION_LABELS = SESSION_LABELS
_SCHOOL_KIND_LABELS = SCHOOL_KIND_LABELS
_ROLE_LABELS = ROLE_LABELS

_COORD_COLUMNS = (
    Column("lat", "纬度", aliases=("latitude",), note="decimal degrees, e.g. 24.5786"),
    Column("lon", "经度", aliases=("longitude", "lng"), note="decimal degrees, e.g. 118.0978"),
    Column(
        "coord",
        "坐标系",
        aliases=("coordinate system", "crs"),
        note="WGS-84 (GPS, default), GCJ-02 (高德/腾讯) or BD-09 (百度)",
    ),
)

_NEED_PARTS = (("police", "民警"), ("officers", "警力"), ("total", "总人数"))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "schools": (
        Column("code", "学校代码", True, ("代码",), "unique code, e.g. JM-X001"),
        Column("name", "学校名称", True, ("名称", "学校"), "full name"),
        Column(
            "kind",
            "学校类型",
            True,
            ("类型",),
            "幼儿园 / 小学 / 初中 / 高中 / 九年一贯制 / 职业学校",
        ),
        Column("station", "派出所", True, ("station code",), "station code or name"),
        Column("address", "地址", note="street address"),
        *_COORD_COLUMNS,
        Column("enrolment", "在校人数", aliases=("enrollment", "学生数"), note="whole number"),
        Column("responsible", "责任民警", aliases=("responsible officer",), note="person code"),
        Column("notes", "备注"),
        Column("active", "启用", aliases=("在用",), note="是 / 否 (default 是)"),
    ),
    "posts": (
        Column("code", "岗位代码", True, ("代码",), "unique code, e.g. JM-X001-N"),
        Column("school", "学校代码", True, ("学校",), "code of an existing school"),
        Column("name", "岗位名称", True, ("名称", "岗位"), "北门, 南门, 路口 …"),
        *_COORD_COLUMNS,
        Column("risk", "风险等级", aliases=("风险",), note="1, 2 or 3 (default 1)"),
        Column("active", "启用", aliases=("在用",), note="是 / 否 (default 是)"),
        *(
            Column(
                f"{kind}_{part}",
                f"{label}{part_label}",
                note=f"{label}: {part_label} needed (blank row of three: post not staffed)",
            )
            for kind, label in _SESSION_LABELS.items()
            for part, part_label in _NEED_PARTS
        ),
    ),
    "bells": (
        Column("school", "学校代码", aliases=("学校",), note="a school's own times; or:"),
        Column("school_kind", "学校类型", note="district default for a kind of school"),
        Column("weekday", "星期", True, ("周",), "1-5, 周一, 1,3,5, 周一至周五 (1 = Monday)"),
        Column("kind", "时段", True, (), "早入校 / 午间 / 放学 / 课后延时 / 晚自习"),
        Column("seq", "序号", aliases=("批次",), note="2 for a second window (default 1)"),
        Column("start", "开始", True, ("开始时间",), "HH:MM"),
        Column("end", "结束", True, ("结束时间",), "HH:MM"),
    ),
    "people": (
        Column("code", "编号", True, ("警号", "代码"), "unique; the 警号 for police"),
        Column("name", "姓名", True, (), "full name"),
        Column("role", "身份", True, ("角色", "类别"), "民警 / 辅警 / 保安 / 志愿者"),
        Column("station", "派出所", True, (), "station code or name"),
        Column("phone", "电话", aliases=("手机", "联系电话"), note="mobile, landline or short"),
        *_COORD_COLUMNS,
        Column("max_per_day", "每日上限", note="sessions per day (blank: no limit)"),
        Column("max_per_week", "每周上限", note="sessions per week (blank: no limit)"),
        Column("preferred", "偏好学校", note="school codes separated by , or 、"),
        Column(
            "available",
            "可用时段",
            aliases=("可用时间",),
            note="e.g. 1-5 06:30-18:00; 6 08:00-12:00 (blank: always)",
        ),
        Column("active", "启用", aliases=("在用",), note="是 / 否 (default 是)"),
        Column("notes", "备注"),
    ),
}


def _norm_header(text: str) -> str:
    return re.sub(r"[\s_\-（）()*]+", "", text).lower()


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"unknown import kind {kind!r} (one of: {', '.join(KINDS)})")


# --------------------------------------------------------------------------------------------
# Templates


def write_template(kind: str, path: Path) -> Path:
    """Write an empty import file for `kind` (.xlsx with a notes sheet, or .csv) to `path`."""
    _check_kind(kind)
    path = Path(path)
    columns = COLUMNS[kind]
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"template file must end in .xlsx or .csv: {path}")
    with atomic_output(path) as tmp:
        if suffix == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerow([c.label for c in columns])
        else:
            _write_xlsx_template(kind, columns, tmp)
    return path


def _write_xlsx_template(kind: str, columns: Sequence[Column], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append([c.label for c in columns])
    for i, c in enumerate(columns, start=1):
        sheet.cell(row=1, column=i).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = max(10, 2 * len(c.label) + 4)
        # Codes and phones are text: Excel would drop leading zeros of 0592-… otherwise.
        if c.key in ("code", "phone", "school", "station", "responsible", "preferred"):
            for row in range(2, 1002):
                sheet.cell(row=row, column=i).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append(["列", "必填", "说明", "also accepted"])
    for c in columns:
        notes.append([c.label, "是" if c.required else "", c.note, ", ".join((c.key, *c.aliases))])
    for letter, width in zip("ABCD", (16, 6, 60, 30), strict=True):
        notes.column_dimensions[letter].width = width
    book.save(path)


# --------------------------------------------------------------------------------------------
# Reading files


@dataclass
class _Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.year < 1901:  # Excel stores a bare time as a time on its 1899/1900 epoch
            return value.strftime("%H:%M")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def decode_csv_bytes(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (BOM or not), else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError("the CSV file is neither UTF-8 nor GBK text") from exc


def _read_table(path: Path) -> _Table:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = decode_csv_bytes(path.read_bytes())
            raw: Iterable[Sequence[Any]] = list(csv.reader(io.StringIO(text, newline="")))
        elif suffix in (".xlsx", ".xlsm"):
            raw = _xlsx_rows(path)
        else:
            raise InputError(f"import file must be .xlsx or .csv: {path}")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except csv.Error as exc:
        raise InputError(f"{path} is not a readable CSV file: {exc}") from exc
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(raw, start=1):
        cells = [_cell_text(v) for v in values]
        if headers is None:
            if any(cells):
                headers = cells
            continue
        if any(cells):
            rows.append((number, cells))
    if headers is None:
        return _Table([], [])
    return _Table(headers, rows)


def _xlsx_rows(path: Path) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path} is not a readable Excel file: {exc}") from exc
    except Exception as exc:  # zipfile.BadZipFile and friends from a corrupt file
        raise InputError(f"{path} is not a readable Excel file: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        return [tuple(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


# --------------------------------------------------------------------------------------------
# Value parsers: each returns the value or raises ValueError with the reason.


_YES = {"是", "y", "yes", "true", "1", "启用", "在用", "√", "✓"}
_NO = {"否", "n", "no", "false", "0", "停用", "不启用", "×", "✗"}


def parse_bool(text: str) -> bool:
    """是/否, yes/no, 1/0, true/false."""
    low = text.strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    raise ValueError(pick("不是 是/否", "not 是 or 否"))


def parse_time_of_day(text: str) -> dt.time:
    """'HH:MM' (also 'H:MM', 'HH:MM:SS', '7.20', '0720', '07：20')."""
    t = text.strip().replace("：", ":").replace(".", ":")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", t) or re.fullmatch(
        r"(\d{2})(\d{2})()", t
    )
    if not match:
        raise ValueError(pick("不是时间（时:分）", "not a time HH:MM"))
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(pick("不是一天中的时间", "not a time of day"))
    return dt.time(hour, minute)


_WEEKDAY_WORDS = {
    **{ch: i for i, ch in enumerate("一二三四五六日")},
    "天": 6,
    "七": 6,
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}


def _one_weekday(token: str) -> int:
    t = token.strip().lower()
    for prefix in ("星期", "礼拜", "周"):
        t = t.removeprefix(prefix)
    if t.isdigit() and 1 <= int(t) <= 7:
        return int(t) - 1
    if t[:3] in _WEEKDAY_WORDS:
        return _WEEKDAY_WORDS[t[:3]]
    raise ValueError(pick("不是星期（1–7 或 周一…周日）", "not a weekday (1–7 or 周一…周日)"))


def parse_weekdays(text: str) -> list[int]:
    """Weekdays (0 = Monday) from '1', '周一', '1-5', '周一至周五', '1,3,5', '一、三'."""
    days: set[int] = set()
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if not part:
            continue
        ends = re.split(r"[-–~～至到]", part)
        if len(ends) == 1:
            days.add(_one_weekday(ends[0]))
        elif len(ends) == 2:
            first, last = _one_weekday(ends[0]), _one_weekday(ends[1])
            if last < first:
                raise ValueError(
                    pick("星期范围须从前到后（如 1-5）", "a weekday range must run forward (1-5)")
                )
            days.update(range(first, last + 1))
        else:
            raise ValueError(pick("不是星期范围", "not a weekday range"))
    if not days:
        raise ValueError(pick("没有星期", "no weekday"))
    return sorted(days)


def _choice(mapping: dict[str, str], what_zh: str, what_en: str) -> Callable[[str], str]:
    lookup = {k.lower(): k for k in mapping}
    lookup.update({v.lower(): k for k, v in mapping.items()})

    def parse(text: str) -> str:
        found = lookup.get(text.strip().lower())
        what = pick(what_zh, what_en)
        if found is None:
            raise ValueError(
                pick(
                    f"不是有效的{what}（{' / '.join(mapping.values())}）",
                    f"not a {what} ({' / '.join(mapping.values())})",
                )
            )
        return found

    return parse


parse_school_kind = _choice(_SCHOOL_KIND_LABELS, "学校类型", "school kind")
parse_session_kind = _choice(_SESSION_LABELS, "时段类型", "session kind")
parse_role = _choice(_ROLE_LABELS, "角色", "role")


def parse_coord_system(text: str) -> str:
    """'WGS-84', 'GCJ-02', 'BD-09' (and their usual names: GPS, 高德, 百度 …)."""
    key = re.sub(r"[\s\-_]", "", text.strip().lower())
    if not key:
        return "WGS-84"
    found = COORD_SYSTEMS.get(key)
    if found is None:
        raise ValueError(
            pick(
                "不是坐标系（WGS-84、GCJ-02、BD-09）",
                "not a coordinate system (WGS-84, GCJ-02, BD-09)",
            )
        )
    return found


def _parse_int(text: str, low: int | None = None, high: int | None = None) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(pick("不是整数", "not a whole number")) from None
    if low is not None and value < low:
        raise ValueError(pick(f"小于 {low}", f"below {low}"))
    if high is not None and value > high:
        raise ValueError(pick(f"大于 {high}", f"above {high}"))
    return value


def parse_phone(text: str) -> str:
    """A mobile, landline (area code) or internal short number, by the editors' one rule."""
    try:
        return validate_phone(text)
    except FieldError:
        raise ValueError(
            pick(
                "不是电话号码（手机 13812345678、带区号座机 0592-1234567 或 3–6 位内部短号）",
                "not a mobile (13812345678), a landline with area code (0592-1234567) or an "
                "internal short number (3–6 digits)",
            )
        ) from None


# --------------------------------------------------------------------------------------------
# Row reading


class _Row:
    """One data row: typed getters that record errors instead of raising."""

    def __init__(
        self, number: int, cells: dict[str, str], labels: dict[str, str], errors: list[RowError]
    ) -> None:
        self.number = number
        self.cells = cells
        self.labels = labels
        self.errors = errors
        self.failed = False

    def has(self, key: str) -> bool:
        """True when the file has the column."""
        return key in self.labels

    def text(self, key: str) -> str:
        return self.cells.get(key, "")

    def error(self, key: str, reason: str, value: str | None = None) -> None:
        self.failed = True
        shown = self.text(key) if value is None else value
        self.errors.append(RowError(self.number, self.labels.get(key, key), shown, reason))

    def required(self, key: str, max_len: int) -> str:
        value = self.text(key)
        if not value:
            self.error(key, pick("必填", "required"))
        elif len(value) > max_len:
            self.error(key, pick(f"超过 {max_len} 个字符", f"longer than {max_len} characters"))
        return value

    def optional(self, key: str, max_len: int) -> str:
        value = self.text(key)
        if len(value) > max_len:
            self.error(key, pick(f"超过 {max_len} 个字符", f"longer than {max_len} characters"))
        return value

    def parse(self, key: str, parser: Callable[[str], Any], default: Any = None) -> Any:
        value = self.text(key)
        if not value:
            return default
        try:
            return parser(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return default

    def location(self) -> tuple[float | None, float | None]:
        lat_text, lon_text = self.text("lat"), self.text("lon")
        system = self.parse("coord", parse_coord_system, "WGS-84")
        if not lat_text and not lon_text:
            return None, None
        if not lat_text or not lon_text:
            self.error(
                "lat" if not lat_text else "lon",
                pick("纬度和经度须同时填写", "latitude and longitude go together"),
            )
            return None, None
        lat = self.parse("lat", float)
        lon = self.parse("lon", float)
        if lat is None or lon is None:
            return None, None
        ok = True
        if not -90 <= lat <= 90:
            self.error("lat", pick("纬度须在 −90…90 之间", "latitude must lie within −90…90"))
            ok = False
        if not -180 <= lon <= 180:
            self.error("lon", pick("经度须在 −180…180 之间", "longitude must lie within −180…180"))
            ok = False
        if not ok:
            return None, None
        wgs_lat, wgs_lon = to_wgs84(lat, lon, system)
        return round(wgs_lat, 7), round(wgs_lon, 7)


@dataclass
class _Lookups:
    stations: dict[str, int]  # code and name → id
    schools: dict[str, School]
    school_ids: dict[str, int]
    people: dict[str, int]


def _lookups(session: Session, kind: str) -> _Lookups:
    stations: dict[str, int] = {}
    for station_id, code, name in session.exec(select(Station.id, Station.code, Station.name)):
        assert station_id is not None
        stations.setdefault(name, station_id)
        stations[code] = station_id
    schools: dict[str, School] = {}
    school_ids: dict[str, int] = {}
    if kind in ("schools", "posts", "bells"):
        schools = {s.code: s for s in session.exec(select(School)).all()}
        school_ids = {c: s.id for c, s in schools.items() if s.id is not None}
    else:
        school_ids = {c: i for i, c in session.exec(select(School.id, School.code)) if i}
    people: dict[str, int] = {}
    if kind == "schools":
        people = {c: i for i, c in session.exec(select(Person.id, Person.code)) if i}
    return _Lookups(stations, schools, school_ids, people)


def _map_headers(
    kind: str, headers: list[str], report: ImportReport
) -> tuple[dict[int, str], dict[str, str]]:
    """Column index → key and key → header text as written in the file."""
    accepted: dict[str, str] = {}
    for c in COLUMNS[kind]:
        for name in (c.key, c.label, *c.aliases):
            accepted.setdefault(_norm_header(name), c.key)
    index: dict[int, str] = {}
    labels: dict[str, str] = {}
    for i, header in enumerate(headers):
        if not header:
            continue
        key = accepted.get(_norm_header(header))
        if key is None:
            report.warnings.append(f"column {header!r} is not used")
            continue
        if key in labels:
            report.errors.append(
                RowError(1, header, header, pick("列重复", "column appears twice"))
            )
            continue
        index[i] = key
        labels[key] = header
    for c in COLUMNS[kind]:
        if c.required and c.key not in labels:
            report.errors.append(RowError(1, c.label, "", pick("缺少此列", "missing column")))
    return index, labels


# --------------------------------------------------------------------------------------------
# Import


def import_file(session: Session, kind: str, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Validate and import an XLSX or CSV file of `kind`, all or nothing.

    Returns a report; when it has errors nothing was written. An unreadable file or an unknown
    kind raises `InputError`. On success the session is committed; with `dry_run` the file is
    only checked (a GUI can show the errors before the planner confirms).
    """
    _check_kind(kind)
    table = _read_table(Path(path))
    return import_table(session, kind, table.headers, table.rows, dry_run=dry_run)


def import_table(
    session: Session,
    kind: str,
    headers: list[str],
    rows: list[tuple[int, list[str]]],
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Validate and import rows already read (header texts; (row number, cell texts))."""
    _check_kind(kind)
    report = ImportReport(kind, rows=len(rows))
    if not headers:
        report.errors.append(
            RowError(0, "", "", pick("文件为空：没有表头行", "the file is empty: no header row"))
        )
        return report
    index, labels = _map_headers(kind, headers, report)
    if report.errors:
        return report
    if not rows:
        report.errors.append(
            RowError(1, "", "", pick("文件没有数据行", "the file has no data rows"))
        )
        return report
    lookups = _lookups(session, kind)
    validate = _VALIDATORS[kind]
    records: list[dict[str, Any]] = []
    for number, cells in rows:
        values = {key: cells[i].strip() if i < len(cells) else "" for i, key in index.items()}
        row = _Row(number, values, labels, report.errors)
        record = validate(row, lookups)
        record["_row"] = number
        records.append(record)
    # Rows that failed still take part, so a duplicate code is reported beside the other errors.
    _check_duplicates(kind, records, labels, report)
    if report.errors:
        report.errors.sort(key=lambda e: e.row)
        return report
    if dry_run:
        return report
    try:
        created, updated = _APPLIERS[kind](session, records, labels, lookups)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    report.created, report.updated = created, updated
    return report


def _check_duplicates(
    kind: str, records: list[dict[str, Any]], labels: dict[str, str], report: ImportReport
) -> None:
    seen: dict[Any, int] = {}
    for record in records:
        if kind == "bells":
            owner = record["school"] or record["school_kind"]
            if not owner or record["kind"] is None:
                continue
            keys = [(owner, day, record["kind"], record["seq"]) for day in record["weekdays"]]
            column = labels.get("weekday", "weekday")
            shown = record["weekday_text"]
        else:
            if not record["code"]:
                continue
            keys = [record["code"]]
            column = labels.get("code", "code")
            shown = record["code"]
        for key in keys:
            first = seen.get(key)
            if first is not None:
                report.errors.append(
                    RowError(
                        record["_row"],
                        column,
                        shown,
                        pick(f"与第 {first} 行重复", f"duplicate of row {first}"),
                    )
                )
                break
            seen[key] = record["_row"]


def _validate_school(row: _Row, lk: _Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "code": row.required("code", 40),
        "name": row.required("name", 100),
        "kind": row.parse("kind", parse_school_kind),
        "address": row.optional("address", 200),
        "notes": row.optional("notes", 1000),
        "enrolment": row.parse(
            "enrolment", lambda t: _parse_int(t, 0, int(LIMITS["enrolment"].high)), 0
        ),
        "active": row.parse("active", parse_bool, True),
    }
    if not row.text("kind"):
        row.error("kind", pick("必填", "required"))
    rec["station_id"] = _station(row, lk)
    rec["lat"], rec["lon"] = row.location()
    responsible = row.text("responsible")
    rec["responsible_person_id"] = None
    if responsible:
        rec["responsible_person_id"] = lk.people.get(responsible)
        if rec["responsible_person_id"] is None:
            row.error(
                "responsible",
                pick("未知人员编号（请先导入人员）", "unknown person code (import people first)"),
            )
    return rec


def _station(row: _Row, lk: _Lookups) -> int | None:
    text = row.text("station")
    if not text:
        row.error("station", pick("必填", "required"))
        return None
    found = lk.stations.get(text)
    if found is None:
        row.error("station", pick("未知派出所", "unknown station"))
    return found


def _validate_post(row: _Row, lk: _Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "code": row.required("code", 40),
        "name": row.required("name", 100),
        "risk": row.parse("risk", lambda t: _parse_int(t, 1, 3), 1),
        "active": row.parse("active", parse_bool, True),
    }
    school = row.text("school")
    rec["school_id"] = lk.school_ids.get(school)
    if not school:
        row.error("school", pick("必填", "required"))
    elif rec["school_id"] is None:
        row.error(
            "school",
            pick("未知学校编号（请先导入学校）", "unknown school code (import schools first)"),
        )
    rec["lat"], rec["lon"] = row.location()
    needs: dict[str, tuple[int, int, int] | None] = {}
    for kind in _SESSION_LABELS:
        keys = [f"{kind}_{part}" for part, _ in _NEED_PARTS]
        if not any(row.has(k) for k in keys):
            continue  # columns absent: keep what the post has
        if not any(row.text(k) for k in keys):
            needs[kind] = None  # three blank cells: the post is not staffed at this kind
            continue
        parts = [row.parse(k, lambda t: _parse_int(t, 0, 99)) for k in keys]
        police, officers, total = parts
        if total is None:
            if not row.text(keys[2]):
                row.error(
                    keys[2],
                    pick(
                        "填写了民警或警力人数时必填", "required when police or officers are given"
                    ),
                )
            continue
        police = police or 0
        officers = officers if officers is not None else police
        if not police <= officers <= total:
            row.error(
                keys[2],
                "need must satisfy police ≤ officers ≤ total",
                f"{police}/{officers}/{total}",
            )
            continue
        needs[kind] = (police, officers, total)
    rec["needs"] = needs
    return rec


def _validate_bell(row: _Row, lk: _Lookups) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "kind": row.parse("kind", parse_session_kind),
        "seq": row.parse("seq", lambda t: _parse_int(t, 1, 9), 1),
        "start": row.parse("start", parse_time_of_day),
        "end": row.parse("end", parse_time_of_day),
        "weekdays": row.parse("weekday", parse_weekdays, []),
        "weekday_text": row.text("weekday"),
        "school": row.text("school"),
        "school_kind": None,
    }
    for key in ("kind", "start", "end", "weekday"):
        if not row.text(key):
            row.error(key, pick("必填", "required"))
    school_kind_text = row.text("school_kind")
    if rec["school"] and school_kind_text:
        row.error(
            "school_kind",
            pick("学校和学校类型只填一个", "give a school or a school kind, not both"),
        )
    elif rec["school"]:
        if rec["school"] not in lk.school_ids:
            row.error(
                "school",
                pick("未知学校编号（请先导入学校）", "unknown school code (import schools first)"),
            )
    elif school_kind_text:
        rec["school_kind"] = row.parse("school_kind", parse_school_kind)
    else:
        row.error("school", pick("请填写学校编号或学校类型", "give a school code or a school kind"))
    if rec["start"] is not None and rec["end"] is not None and rec["end"] <= rec["start"]:
        row.error("end", pick("须晚于开始时间", "must be after the start"))
    return rec


def _parse_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[,，、;；\s]+", text.strip()) if c]


def parse_availability(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """'1-5 06:30-18:00; 6 08:00-12:00' → (weekday, start, end) windows (0 = Monday)."""
    windows: list[tuple[int, dt.time, dt.time]] = []
    for part in re.split(r"[;；\n]+", text.strip()):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\S+)\s+(\S+?)\s*[-–~～至到]\s*(\S+)", part)
        if not match:
            raise ValueError(
                pick(
                    "时段写法如 '1-5 06:30-18:00; 6 08:00-12:00'",
                    "write windows as '1-5 06:30-18:00; 6 08:00-12:00'",
                )
            )
        days = parse_weekdays(match[1])
        start, end = parse_time_of_day(match[2]), parse_time_of_day(match[3])
        if end <= start:
            raise ValueError(
                pick(f"时段 {part!r} 结束早于开始", f"window {part!r} ends before it starts")
            )
        windows.extend((d, start, end) for d in days)
    return windows


def _validate_person(row: _Row, lk: _Lookups) -> dict[str, Any]:
    limit = lambda t: _parse_int(t, 0, 50)  # noqa: E731
    rec: dict[str, Any] = {
        "code": row.required("code", 40),
        "name": row.required("name", 60),
        "role": row.parse("role", parse_role),
        "phone": row.parse("phone", parse_phone, ""),
        "max_per_day": row.parse("max_per_day", limit),
        "max_per_week": row.parse("max_per_week", limit),
        "active": row.parse("active", parse_bool, True),
        "notes": row.optional("notes", 1000),
        "available": row.parse("available", parse_availability, []),
    }
    if not row.text("role"):
        row.error("role", pick("必填", "required"))
    rec["station_id"] = _station(row, lk)
    rec["lat"], rec["lon"] = row.location()
    preferred = []
    for code in _parse_codes(row.text("preferred")):
        school_id = lk.school_ids.get(code)
        if school_id is None:
            row.error("preferred", pick(f"未知学校编号 {code}", f"unknown school code {code}"))
        else:
            preferred.append(school_id)
    rec["preferred"] = sorted(set(preferred))
    return rec


_VALIDATORS: dict[str, Callable[[_Row, _Lookups], dict[str, Any]]] = {
    "schools": _validate_school,
    "posts": _validate_post,
    "bells": _validate_bell,
    "people": _validate_person,
}


def _fields(
    record: dict[str, Any], labels: dict[str, str], names: dict[str, str]
) -> dict[str, Any]:
    """The model fields a record sets: those whose column the file has (`names`: field → key)."""
    return {f: record[f] for f, key in names.items() if key in labels}


_COORD_FIELDS = {"lat": "lat", "lon": "lon"}


def _apply_schools(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: _Lookups
) -> tuple[int, int]:
    names = {
        "name": "name",
        "kind": "kind",
        "station_id": "station",
        "address": "address",
        "enrolment": "enrolment",
        "responsible_person_id": "responsible",
        "notes": "notes",
        "active": "active",
        **_COORD_FIELDS,
    }
    created = updated = 0
    for rec in records:
        values = _fields(rec, labels, names)
        school = lk.schools.get(rec["code"])
        if school is None:
            session.add(School(code=rec["code"], **values))
            created += 1
        else:
            for key, value in values.items():
                setattr(school, key, value)
            session.add(school)
            updated += 1
    session.flush()
    return created, updated


def _apply_posts(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: _Lookups
) -> tuple[int, int]:
    names = {
        "school_id": "school",
        "name": "name",
        "risk": "risk",
        "active": "active",
        **_COORD_FIELDS,
    }
    existing = {p.code: p for p in session.exec(select(Post)).all()}
    created = updated = 0
    posts: list[tuple[Post, dict[str, Any]]] = []
    for rec in records:
        values = _fields(rec, labels, names)
        post = existing.get(rec["code"])
        if post is None:
            post = Post(code=rec["code"], **values)
            created += 1
        else:
            for key, value in values.items():
                setattr(post, key, value)
            updated += 1
        session.add(post)
        posts.append((post, rec))
    session.flush()
    post_ids = [p.id for p, _ in posts]
    current: dict[tuple[int, str], PostNeed] = {}
    for need in session.exec(select(PostNeed).where(col(PostNeed.post_id).in_(post_ids))).all():
        current[(need.post_id, need.kind)] = need
    for post, rec in posts:
        assert post.id is not None
        for kind, need in rec["needs"].items():
            row = current.get((post.id, kind))
            if need is None:
                if row is not None:
                    session.delete(row)
                continue
            police, officers, total = need
            if row is None:
                row = PostNeed(post_id=post.id, kind=kind)
            row.police, row.officers, row.total = police, officers, total
            session.add(row)
    session.flush()
    return created, updated


def _apply_bells(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: _Lookups
) -> tuple[int, int]:
    existing: dict[tuple[Any, int, str, int], BellTime] = {}
    for bell in session.exec(select(BellTime)).all():
        owner: Any = ("school", bell.school_id) if bell.school_id else ("kind", bell.school_kind)
        existing[(owner, bell.weekday, bell.kind, bell.seq)] = bell
    created = updated = 0
    for rec in records:
        school_id = lk.school_ids.get(rec["school"]) if rec["school"] else None
        owner = ("school", school_id) if school_id else ("kind", rec["school_kind"])
        for day in rec["weekdays"]:
            found = existing.get((owner, day, rec["kind"], rec["seq"]))
            if found is None:
                bell = BellTime(
                    school_id=school_id,
                    school_kind=None if school_id else rec["school_kind"],
                    weekday=day,
                    kind=rec["kind"],
                    seq=rec["seq"],
                    start=rec["start"],
                    end=rec["end"],
                )
                created += 1
            else:
                bell = found
                bell.start, bell.end = rec["start"], rec["end"]
                updated += 1
            session.add(bell)
    session.flush()
    return created, updated


def _apply_people(
    session: Session, records: list[dict[str, Any]], labels: dict[str, str], lk: _Lookups
) -> tuple[int, int]:
    names = {
        "name": "name",
        "role": "role",
        "station_id": "station",
        "phone": "phone",
        "max_per_day": "max_per_day",
        "max_per_week": "max_per_week",
        "active": "active",
        "notes": "notes",
        **_COORD_FIELDS,
    }
    existing = {p.code: p for p in session.exec(select(Person)).all()}
    created = updated = 0
    people: list[tuple[Person, dict[str, Any]]] = []
    for rec in records:
        values = _fields(rec, labels, names)
        person = existing.get(rec["code"])
        if person is None:
            person = Person(code=rec["code"], **values)
            created += 1
        else:
            for key, value in values.items():
                setattr(person, key, value)
            updated += 1
        session.add(person)
        people.append((person, rec))
    session.flush()
    # Links and windows go in by bulk statements: per-object relationship loads would make
    # 5,000 people take many seconds.
    ids = [p.id for p, _ in people if p.id is not None]
    connection = session.connection()
    if "preferred" in labels:
        for chunk in _chunks(ids, 500):
            connection.execute(
                sa.delete(PersonSchool).where(col(PersonSchool.person_id).in_(chunk))
            )
        links = [{"person_id": p.id, "school_id": s} for p, rec in people for s in rec["preferred"]]
        if links:
            connection.execute(sa.insert(PersonSchool), links)
    if "available" in labels:
        for chunk in _chunks(ids, 500):
            connection.execute(
                sa.delete(Availability).where(col(Availability.person_id).in_(chunk))
            )
        windows = [
            {"person_id": p.id, "weekday": d, "start": s, "end": e}
            for p, rec in people
            for d, s, e in rec["available"]
        ]
        if windows:
            connection.execute(sa.insert(Availability), windows)
    return created, updated


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_APPLIERS: dict[
    str, Callable[[Session, list[dict[str, Any]], dict[str, str], _Lookups], tuple[int, int]]
] = {
    "schools": _apply_schools,
    "posts": _apply_posts,
    "bells": _apply_bells,
    "people": _apply_people,
}
