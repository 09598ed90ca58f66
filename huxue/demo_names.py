"""Name material for the Jimei demo district: stations, places, roads, school and people names.

Everything here is fictional but modelled on Jimei (集美区, Xiamen): the stations carry the names
of its four subdistricts and two towns; school names combine local place names with the patterns
Chinese schools use. Nothing is read from a network or a file, so a build is fully determined by
its seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from huxue.phones import phone_kind


@dataclass(frozen=True)
class StationSpec:
    """A police station of the demo: code, name, the area it serves, centre and local names."""

    code: str
    name: str
    area: str
    lat: float
    lon: float
    places: tuple[str, ...]
    roads: tuple[str, ...]


# The six stations of Jimei, named after its subdistricts (街道) and towns (镇). Centres are
# placed so that schools within ~3 km still fall inside the district box.
JIMEI_STATIONS: tuple[StationSpec, ...] = (
    StationSpec(
        "JM",
        "集美派出所",
        "集美街道",
        24.588,
        118.100,
        (
            "集美",
            "学村",
            "浔江",
            "岑头",
            "孙厝",
            "大社",
            "乐安",
            "天马",
            "园博",
            "嘉庚",
            "银江",
            "鳌园",
            "龙舟池",
            "诚毅",
        ),
        (
            "集美大道",
            "银江路",
            "岑西路",
            "乐海路",
            "石鼓路",
            "尚南路",
            "浔江路",
            "嘉庚路",
            "盛光路",
            "诚毅大街",
        ),
    ),
    StationSpec(
        "QY",
        "侨英派出所",
        "侨英街道",
        24.628,
        118.092,
        ("侨英", "叶厝", "兑山", "凤林", "上塘", "康城", "曾营", "英瑶", "后田", "滨水"),
        ("侨英路", "兑山路", "叶厝路", "凤林路", "天马路", "滨水路", "英瑶路", "康城路"),
    ),
    StationSpec(
        "XL",
        "杏林派出所",
        "杏林街道",
        24.578,
        118.052,
        ("杏林", "杏林湾", "马銮", "内林", "高浦", "西滨", "锦亭", "宁宝", "杏苑", "杏林新村"),
        ("杏林路", "杏林湾路", "马銮路", "高浦路", "宁海路", "杏前路", "内林路", "西滨路"),
    ),
    StationSpec(
        "XB",
        "杏滨派出所",
        "杏滨街道",
        24.606,
        118.030,
        ("杏滨", "杏北", "杏东", "锦园", "西亭", "日东", "前场", "董任", "杏锦", "滨湖"),
        ("杏锦路", "日东路", "锦园路", "杏滨路", "杏北路", "前场路", "董任路", "西亭路"),
    ),
    StationSpec(
        "GK",
        "灌口派出所",
        "灌口镇",
        24.612,
        117.985,
        (
            "灌口",
            "双岭",
            "深青",
            "田头",
            "李林",
            "东辉",
            "坑内",
            "上头亭",
            "井城",
            "陈井",
            "安仁",
            "铁山",
        ),
        ("灌口中路", "灌南路", "灌口北路", "深青路", "双岭路", "田头路", "安仁大道", "李林路"),
    ),
    StationSpec(
        "HX",
        "后溪派出所",
        "后溪镇",
        24.662,
        118.052,
        ("后溪", "岩内", "城内", "苎溪", "许庄", "仑后", "后垵", "英村", "坂头", "崎沟", "院前"),
        ("后溪路", "同集路", "仑后路", "英村路", "苎溪路", "坂头路", "岩内路", "许庄路"),
    ),
)

# Extra stations of the `city` size: Xiamen place names, laid out inside the same box so that
# the scale test keeps Jimei's geometry (schools within a few km of their station).
CITY_EXTRA_STATIONS: tuple[tuple[str, str], ...] = (
    ("HC", "海沧"),
    ("XY", "新阳"),
    ("SY", "嵩屿"),
    ("DF", "东孚"),
    ("DT", "大同"),
    ("XP", "祥平"),
    ("XK", "西柯"),
    ("XM", "新民"),
    ("WX", "五显"),
    ("TX", "汀溪"),
    ("LH", "莲花"),
    ("HT", "洪塘"),
    ("MX", "马巷"),
    ("XD", "新店"),
    ("NC", "内厝"),
    ("XW", "新圩"),
    ("DQ", "殿前"),
    ("HS", "禾山"),
    ("JT", "江头"),
    ("JS", "金山"),
    ("HL", "湖里"),
    ("KY", "开元"),
    ("LQ", "莲前"),
    ("GL", "鼓浪"),
)
PLACE_SUFFIXES: tuple[str, ...] = ("", "东", "西", "南", "北", "新村", "湾", "湖", "山", "港")
ROAD_SUFFIXES: tuple[str, ...] = ("路", "大道", "中路", "北路", "南路", "东路")

ORDINALS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
KINDER_ADJ: tuple[str, ...] = (
    "阳光",
    "童心",
    "蓝天",
    "启明",
    "小太阳",
    "育才",
    "爱心",
    "春晖",
    "诚毅",
    "嘉庚",
    "彩虹",
    "星光",
    "禾苗",
    "金色童年",
    "七彩",
    "博雅",
    "新苗",
    "贝贝",
    "乐乐",
    "悦华",
)
SCHOOL_ADJ: tuple[str, ...] = ("育才", "启明", "英才", "诚毅", "嘉庚", "乐育", "明德", "博文")
TRADES: tuple[str, ...] = ("工商", "旅游", "信息", "海事", "艺术", "财经")

# Hokkien Xiamen: 陈, 林 and 黄 dominate; weights are rough shares.
SURNAMES: tuple[tuple[str, int], ...] = (
    ("陈", 14),
    ("林", 12),
    ("黄", 8),
    ("张", 5),
    ("李", 5),
    ("王", 5),
    ("吴", 4),
    ("刘", 3),
    ("蔡", 3),
    ("杨", 3),
    ("郑", 3),
    ("许", 3),
    ("谢", 2),
    ("洪", 2),
    ("郭", 2),
    ("曾", 2),
    ("叶", 2),
    ("苏", 2),
    ("庄", 2),
    ("周", 2),
    ("徐", 1),
    ("邱", 1),
    ("何", 1),
    ("柯", 1),
    ("杜", 1),
    ("卢", 1),
    ("高", 1),
    ("颜", 1),
    ("纪", 1),
    ("傅", 1),
)
GIVEN_CHARS: str = (
    "伟强军勇杰峰斌涛明辉鹏华建国志宏文俊海荣毅坤鸿榕鑫晨宇浩然子涵思雨欣怡婷丽芳燕红"
    "玲静秀娟霞梅琳颖慧敏佳雅琪晓莉凤丹萍婉清泉铭哲彬翔瑞诚锦航嘉毅"
)


def mobile_number(rng: random.Random) -> str:
    """A random real mobile number (a valid 13x block where the draw is unallocated)."""
    number = f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"
    # Some 1xx blocks are not allocated to mobiles; the same draw moved to 13x is a real one.
    return number if phone_kind(number) == "mobile" else "13" + number[2:]
