"""The checks run the same way everywhere: CI (.ci/run), the Makefile and the pre-commit hooks."""

from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
CI = (ROOT / ".ci" / "run").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()
HOOKS = [
    hook
    for repo in YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
    for hook in repo["hooks"]
]


def hook_entries() -> str:
    return "\n".join(hook["entry"] for hook in HOOKS)


def test_ci_runs_lint_bandit_the_licence_check_translations_and_both_databases():
    for stage in (
        "make lint",
        "make types",
        ".venv/bin/bandit -c .bandit.yml -r . --severity-level medium",
        "make licences",
        "make check-translations",
        "DATABASE_URL=postgres://",
        "env -u DATABASE_URL -u REDIS_URL make test",
    ):
        assert stage in CI, stage


def test_the_pre_commit_hooks_run_the_checks_of_ci_with_the_projects_own_tools():
    entries = hook_entries()
    assert ".venv/bin/ruff check" in entries and "ruff check ." in MAKEFILE
    assert ".venv/bin/ruff format" in entries and "ruff format --check ." in MAKEFILE
    assert ".venv/bin/bandit -c .bandit.yml --severity-level medium" in entries
    assert "scripts/licences.py" in entries and "scripts/licences.py" in MAKEFILE
    assert "make check-translations" in entries
    assert "types" in entries and "$(BIN)/mypy $(TYPED)" in MAKEFILE
    assert all(hook["language"] == "system" for hook in HOOKS), "no hook downloads its own tool"


def test_ci_runs_every_browser_journey_in_both_languages_one_per_database():
    postgresql = next(
        line for line in CI.splitlines() if "make test PYTEST_ARGS" in line and "--lang de" in line
    )
    sqlite = next(line for line in CI.splitlines() if "not database_independent" in line)
    assert "--lang en" in sqlite and "--lang" not in postgresql.replace("--lang de", "")


def test_ci_prints_the_time_of_each_stage():
    assert 'stage "' in CI and "stage times" in CI
