"""Packaging: pyproject.toml describes the dependencies, the locks pin them with hashes, the image
takes the runtime lock only, and no runtime dependency is under the GPL or the AGPL."""

import os
import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
from email.message import Message
from pathlib import Path

import pytest

from scripts import licences

pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCKS = ROOT / "requirements"
TOOL_GROUPS = ("tests", "ops", "dev")


def name_of(requirement: str) -> str:
    """`moto[s3]==5.2.5` -> `moto`, normalised as in PEP 503."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>~!; ]", requirement, maxsplit=1)[0]).lower()


def pins(lock: Path) -> dict[str, str]:
    return {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in re.findall(
            r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", lock.read_text(), re.MULTILINE
        )
    }


def group(name: str) -> list[str]:
    if name == "runtime":
        return PYPROJECT["project"]["dependencies"]
    return PYPROJECT["project"]["optional-dependencies"][name]


def dockerfile_pip_installs() -> list[list[str]]:
    """The arguments of every `pip install` in the Dockerfile (continued lines joined)."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [shlex.split(arguments) for arguments in re.findall(r"\bpip install([^&;|\n]*)", text)]


def test_the_image_installs_the_runtime_lock_only_with_hash_checking():
    installs = dockerfile_pip_installs()
    assert installs == [["--require-hashes", "-r", "requirements/runtime.txt"]]


def test_no_test_development_or_operations_tool_is_in_the_runtime_lock():
    runtime = pins(LOCKS / "runtime.txt")
    tools = {name_of(requirement) for name in TOOL_GROUPS for requirement in group(name)}
    assert tools, "the tool groups are empty"
    assert {"pytest", "playwright", "hypothesis", "locust", "moto", "ruff", "mypy"} <= tools
    assert tools & set(runtime) == set()


@pytest.mark.parametrize(
    ("lock", "groups"),
    [
        ("runtime.txt", ["runtime"]),
        ("tests.txt", ["runtime", "tests"]),
        ("ops.txt", ["runtime", "ops"]),
        ("dev.txt", ["runtime", "tests", "ops", "dev"]),
    ],
)
def test_every_dependency_pinned_in_pyproject_is_locked_at_that_version(lock, groups):
    locked = pins(LOCKS / lock)
    for requirement in (requirement for name in groups for requirement in group(name)):
        name, _, version = requirement.partition("==")
        assert version, f"{requirement}: pin it (name==version) in pyproject.toml"
        assert locked.get(name_of(name)) == version, (
            f"{requirement} is not in requirements/{lock}: run `make lock`"
        )


@pytest.mark.parametrize("lock", ["runtime.txt", "tests.txt", "ops.txt"])
def test_every_lock_agrees_with_the_development_lock(lock):
    everything = pins(LOCKS / "dev.txt")
    assert {name: everything.get(name) for name in pins(LOCKS / lock)} == pins(LOCKS / lock)


@pytest.mark.parametrize("lock", ["runtime.txt", "tests.txt", "ops.txt", "dev.txt"])
def test_every_locked_package_has_a_hash_and_no_index_of_this_machine(lock):
    text = (LOCKS / lock).read_text()
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        if re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*==", block):
            assert "--hash=sha256:" in block, block.splitlines()[0]
    assert "file://" not in text and "--index-url" not in text.split("#", 1)[0]


def test_requirements_txt_lists_nothing_any_more():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    listed = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    assert listed == [], "add dependencies to pyproject.toml and run `make lock` (CONTRIBUTING.md)"


def test_make_install_takes_the_development_lock_with_hash_checking():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*--require-hashes -r \$\(LOCK\)", makefile)
    assert "LOCK := requirements/dev.txt" in makefile


def test_make_install_refuses_a_too_old_python_in_one_sentence(tmp_path):
    old_python = tmp_path / "python3"
    old_python.write_text("#!/bin/sh\necho 3.9\n")
    old_python.chmod(0o755)
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "install",
            f"PYTHON={old_python}",
            f"VENV={tmp_path}/venv",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    message = result.stderr.splitlines()[0]
    assert message == (
        f"The portal needs Python 3.11 or newer, but {old_python} is 3.9: "
        "install Python 3.11+ and run make install PYTHON=python3.11."
    )
    assert not (tmp_path / "venv").exists()


def test_a_tampered_lock_stops_the_install_with_pips_own_message(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    with zipfile.ZipFile(wheels / "tampered-1.0-py3-none-any.whl", "w") as wheel:
        wheel.writestr("tampered/__init__.py", "")
        wheel.writestr(
            "tampered-1.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: tampered\nVersion: 1.0\n",
        )
        wheel.writestr(
            "tampered-1.0.dist-info/WHEEL",
            "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
        wheel.writestr("tampered-1.0.dist-info/RECORD", "")
    lock = tmp_path / "lock.txt"
    lock.write_text("tampered==1.0 --hash=sha256:" + "0" * 64 + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--require-hashes",
            "--no-index",
            "--find-links",
            str(wheels),
            "--target",
            str(tmp_path / "target"),
            "-r",
            str(lock),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
    )
    assert result.returncode != 0
    assert "THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE" in result.stderr
    assert not (tmp_path / "target" / "tampered").exists()


# The licence check (scripts/licences.py; also `make licences` and a stage of .ci/run).


def test_no_runtime_dependency_is_under_the_gpl_or_the_agpl():
    names = licences.locked_names()
    assert "Django" in names or "django" in names
    assert [str(finding) for finding in licences.findings(names)] == []


def metadata(*, expression="", licence="", classifiers=()) -> Message:
    meta = Message()
    if expression:
        meta["License-Expression"] = expression
    if licence:
        meta["License"] = licence
    for classifier in classifiers:
        meta["Classifier"] = classifier
    return meta


@pytest.mark.parametrize(
    "meta",
    [
        metadata(expression="GPL-3.0-only"),
        metadata(expression="AGPL-3.0-or-later"),
        metadata(expression="MIT AND GPL-2.0-or-later"),
        metadata(classifiers=["License :: OSI Approved :: GNU Affero General Public License v3"]),
        metadata(classifiers=["License :: OSI Approved :: GNU General Public License v2 (GPLv2)"]),
        metadata(licence="GPLv3"),
        metadata(),
    ],
)
def test_the_licence_check_refuses_gpl_agpl_and_an_unknown_licence(meta):
    assert licences.check("example", meta) is not None


@pytest.mark.parametrize(
    "meta",
    [
        metadata(expression="LGPL-3.0-or-later"),
        metadata(expression="GPL-2.0-or-later OR MIT"),
        metadata(
            licence="LGPL with exceptions",
            classifiers=[
                "License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)"
            ],
        ),
        metadata(
            classifiers=[
                "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)",
                "License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)",
                "License :: OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)",
            ]
        ),
        metadata(expression="Apache-2.0 OR BSD-3-Clause"),
        metadata(licence="BSD"),
    ],
)
def test_the_licence_check_accepts_lgpl_permissive_and_a_non_gpl_choice(meta):
    assert licences.check("example", meta) is None
