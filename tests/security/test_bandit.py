"""bandit finds no medium or high security issue, and every accepted finding says why."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.database_independent

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    p
    for p in ROOT.glob("**/*.py")
    if not {".venv", "tests", "var", "node_modules"} & set(p.relative_to(ROOT).parts)
]


def test_bandit_reports_no_medium_or_high_finding():
    bandit = Path(sys.executable).with_name("bandit")
    result = subprocess.run(
        [
            str(bandit),
            "-c",
            ".bandit.yml",
            "-r",
            ".",
            "--severity-level",
            "medium",
            "--format",
            "txt",
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_nosec_names_the_check_and_the_reason():
    marker = re.compile(r"#\s*nosec\b(.*)$")
    reviewed = re.compile(r"^ B\d{3}(, ?B\d{3})*  # \S.{5,}$")
    unexplained = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in SOURCES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if (found := marker.search(line)) and not reviewed.match(found.group(1))
    ]
    assert unexplained == []
