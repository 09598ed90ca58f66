"""Files and rows the import tests share."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from huxue.models import Person, School


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


SCHOOLS_CSV = (
    "学校代码,学校名称,学校类型,派出所,地址,纬度,经度,坐标系,在校人数\n"
    "JM-P001,集美小学,小学,JM,集美区石鼓路1号,24.5786,118.0978,GCJ-02,1200\n"
    "JM-K001,乐安幼儿园,幼儿园,集美派出所,,,,,\n"
    "XL-M001,杏林中学,初中,XL,,24.58,118.06,百度,900\n"
)


def nothing(session: Session) -> None:
    assert session.exec(select(School)).all() == []
    assert session.exec(select(Person)).all() == []
