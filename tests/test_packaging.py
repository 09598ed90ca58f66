"""The offline install's pieces agree with each other: lock files, pyproject, wheel contents."""

from __future__ import annotations

import importlib.util
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"huxue_packaging_{name}", PACKAGING / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wheelhouse = _load("wheelhouse.py")
check_upgrade = _load("check_upgrade.py")


def _pins(lock: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(_pins(lock.parent / line[3:].strip()))
        elif line:
            name, version = line.split("==")
            assert canonicalize_name(name) not in pins, f"{name} pinned twice"
            pins[canonicalize_name(name)] = version
    return pins


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("lock", "group"),
    [("requirements-lock.txt", None), ("requirements-test-lock.txt", "test")],
)
def test_every_dependency_is_pinned_inside_pyprojects_range(lock: str, group: str | None) -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    wanted = project["optional-dependencies"][group] if group else project["dependencies"]
    pins = _pins(PACKAGING / lock)
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in {lock}"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {requirement.name}=={pins[name]}, outside {requirement.specifier}"
        )


def test_the_runtime_lock_holds_no_test_tool() -> None:
    runtime = _pins(PACKAGING / "requirements-lock.txt")
    for tool in ("pytest", "mypy", "ruff", "hypothesis", "pytest-qt"):
        assert tool not in runtime


def test_wheel_names_and_pins_are_matched_by_normalised_name(tmp_path: Path) -> None:
    assert wheelhouse._name("PySide6_Essentials==6.11.3") == "pyside6-essentials"
    assert wheelhouse._name("pyside6_essentials-6.11.3-cp310-abi3-win_amd64.whl") == (
        "pyside6-essentials"
    )
    assert wheelhouse._name("python-dateutil==4.0.0") == "python-dateutil"
    lock = tmp_path / "lock.txt"
    lock.write_text("# pins\nPySide6_Essentials==6.11.3\nnumpy==2.4.6\n", encoding="utf-8")
    for wheel in (
        "numpy-2.4.6-cp312-cp312-win_amd64.whl",
        "pyside6_essentials-6.11.3-cp310-abi3-win_amd64.whl",
        "huxue-0.1.0-py3-none-any.whl",
        "six-1.17.0-py2.py3-none-any.whl",
    ):
        (tmp_path / wheel).write_bytes(b"")
    assert wheelhouse.check_pinned(tmp_path, lock) == ["six-1.17.0-py2.py3-none-any.whl"]


def test_the_wheel_carries_the_font_translations_and_migrations() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    package_data = setuptools["package-data"]
    included = setuptools["packages"]["find"]["include"]
    for package, folder in (
        ("resources.fonts", "fonts"),
        ("resources.translations", "translations"),
    ):
        assert package in included
        for pattern in package_data[package]:
            assert list((ROOT / "resources" / folder).glob(pattern)), pattern
    assert list((ROOT / "resources" / "translations").glob("*.qm"))
    assert "migrations/versions/*.py" in package_data["huxue"]


def test_a_wheel_rewritten_to_a_newer_version_is_consistent(tmp_path: Path) -> None:
    old = tmp_path / "huxue-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(old, "w") as wheel:
        wheel.writestr("main.py", "print('hi')\n")
        wheel.writestr("huxue-0.1.0.dist-info/METADATA", "Name: huxue\nVersion: 0.1.0\n")
        wheel.writestr("huxue-0.1.0.dist-info/RECORD", "stale\n")
    out = tmp_path / "out"
    out.mkdir()
    new = check_upgrade.rewrite_wheel_version(old, "0.1.0.post1", out)
    assert new.name == "huxue-0.1.0.post1-py3-none-any.whl"
    with zipfile.ZipFile(new) as wheel:
        names = set(wheel.namelist())
        assert names == {
            "main.py",
            "huxue-0.1.0.post1.dist-info/METADATA",
            "huxue-0.1.0.post1.dist-info/RECORD",
        }
        assert b"Version: 0.1.0.post1" in wheel.read("huxue-0.1.0.post1.dist-info/METADATA")
        record = wheel.read("huxue-0.1.0.post1.dist-info/RECORD").decode().splitlines()
    assert record[0].startswith("main.py,sha256=") and record[0].endswith(",12")
    assert record[-1] == "huxue-0.1.0.post1.dist-info/RECORD,,"


def test_the_bundle_spec_names_files_that_exist() -> None:
    spec = (PACKAGING / "huxue.spec").read_text(encoding="utf-8")
    for part in (
        "resources/fonts/wqy-microhei.ttc",
        "resources/translations/huxue_zh_CN.qm",
        "resources/translations/huxue_en.qm",
        "huxue/migrations",
    ):
        pieces = part.split("/")
        quoted = " / ".join(f'"{p}"' for p in pieces)
        assert f"ROOT / {quoted}" in spec, part
        assert (ROOT.joinpath(*pieces)).exists(), part
