"""The columns of each import file (key, header, accepted aliases, template note) and the
report an import returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from huxue.errors import InputError
from huxue.i18n import pick
from huxue.vocabulary import ROLE_LABELS, SCHOOL_KIND_LABELS, SESSION_LABELS

KINDS = ("schools", "posts", "bells", "people")

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

NEED_PARTS = (("police", "民警"), ("officers", "警力"), ("total", "总人数"))

COLUMNS: dict[str, tuple[Column, ...]] = {
    "schools": (
        Column("code", "学校代码", True, ("代码",), "unique code, e.g. JM-X001"),
        Column("name", "学校名称", True, ("名称", "学校"), "full name"),
        Column(
            "kind",
            "学校类型",
            True,
            ("类型",),
            " / ".join(SCHOOL_KIND_LABELS.values()),
        ),
        Column("station", "派出所", True, ("station code",), "station code or name"),
        Column("address", "地址", note="street address"),
        *_COORD_COLUMNS,
        Column("enrolment", "在校人数", aliases=("enrollment", "学生数"), note="whole number"),
        Column("responsible", "责任民警", aliases=("responsible officer",), note="person code"),
        Column(
            "deputy",
            "代理责任民警",
            aliases=("deputy officer", "deputy"),
            note="police code (警号), not the responsible officer",
        ),
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
            for kind, label in SESSION_LABELS.items()
            for part, part_label in NEED_PARTS
        ),
    ),
    "bells": (
        Column("school", "学校代码", aliases=("学校",), note="a school's own times; or:"),
        Column("school_kind", "学校类型", note="district default for a kind of school"),
        Column("weekday", "星期", True, ("周",), "1-5, 周一, 1,3,5, 周一至周五 (1 = Monday)"),
        Column("kind", "时段", True, (), " / ".join(SESSION_LABELS.values())),
        Column("seq", "序号", aliases=("批次",), note="2 for a second window (default 1)"),
        Column("start", "开始", True, ("开始时间",), "HH:MM"),
        Column("end", "结束", True, ("结束时间",), "HH:MM"),
    ),
    "people": (
        Column("code", "编号", True, ("警号", "代码"), "unique; the 警号 for police"),
        Column("name", "姓名", True, (), "full name"),
        Column("role", "身份", True, ("角色", "类别"), " / ".join(ROLE_LABELS.values())),
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


def norm_header(text: str) -> str:
    return re.sub(r"[\s_\-（）()*]+", "", text).lower()


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"unknown import kind {kind!r} (one of: {', '.join(KINDS)})")
