"""`scripts/policy_mutants.py` stays runnable and writes no rule of its own: every mutant still matches
the one place of the rulebook it mutates (a rule reworded without its mutant would make the script
refuse to run), and the role questions' lines are read from `people/access/roles.py`, not spelled out."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "policy_mutants.py"


def _script():
    spec = importlib.util.spec_from_file_location("policy_mutants", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_mutant_matches_the_rule_it_mutates():
    listed = subprocess.run(
        [sys.executable, str(SCRIPT), "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == len(_script().MUTANTS)


def test_the_role_mutants_change_the_lines_of_roles_py():
    roles = (ROOT / "people" / "access" / "roles.py").read_text()
    role_mutants = [m for m in _script().MUTANTS if m.module == "roles.py"]
    assert len(role_mutants) == 3
    for mutant in role_mutants:
        assert roles.count(mutant.original) == 1
        assert mutant.mutated != mutant.original
        compile(roles.replace(mutant.original, mutant.mutated), "roles.py", "exec")


def test_the_script_spells_out_no_role_comparison():
    assert not re.search(r"\brole\s*(==|!=|in\s*\()", SCRIPT.read_text())
