"""The rulebook is the only place that knows roles: no view, section, service, task or template compares
them, and no role name is written as a string outside `people/access/`.

A role comparison is any of: `x.role == ...` (or `!=`, `in`, `not in`), a `Role.<member>` in a comparison
or in a query (`filter(role=Role.AGENT)`, `user__role=...`), a role's name compared as a string, and in
templates `... == "lead"` and the like. Creating a user with a role (the demo, the first administrator,
`agent_create`) is no comparison and stays where it is.
"""

import ast
import re
from pathlib import Path

import pytest

from people.models import Role

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "people" / "access"
ROLE_NAMES = set(Role.values)
SKIPPED_DIRS = {".venv", "var", "node_modules", "static", "migrations", "tests", ".git"}
QUERY_METHODS = {"filter", "exclude", "get", "Q", "annotate", "aggregate", "get_object_or_404"}


def python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts) or path.is_relative_to(POLICY):
            continue
        yield path


def template_files():
    for path in sorted(ROOT.rglob("*.html")) + sorted(ROOT.rglob("*.txt")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts):
            continue
        if "templates" in relative.parts:
            yield path


def _is_role_attribute(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "role"


def _is_role_member(node) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Role"
        and node.attr in {m.name for m in Role}
    )


def _is_role_name(node) -> bool:
    return isinstance(node, ast.Constant) and node.value in ROLE_NAMES


def _mentions_role(node) -> bool:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_mentions_role(element) for element in node.elts)
    return _is_role_attribute(node) or _is_role_member(node)


def role_comparisons(source: str, filename: str = "<source>") -> list[int]:
    """Line numbers of role comparisons in Python source."""
    lines = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_mentions_role(o) for o in operands) or (
                any(_is_role_attribute(o) for o in operands)
                and any(_is_role_name(o) for o in operands)
            ):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            called = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if called in QUERY_METHODS and any(
                keyword.arg
                and (
                    keyword.arg == "role"
                    or keyword.arg.endswith("__role")
                    or "__role__" in keyword.arg
                )
                for keyword in node.keywords
            ):
                lines.append(node.lineno)
    return lines


ROLE_ALTERNATIVES = "|".join(sorted(ROLE_NAMES))
TEMPLATE_ROLE = re.compile(
    rf"""(\.role\b|\bnav_role\b)|(==|!=|\bin\b)\s*["']({ROLE_ALTERNATIVES})["']"""
)


def test_no_python_module_outside_the_policy_compares_roles():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files()
        for line in role_comparisons(path.read_text(), str(path))
    ]
    assert found == []


def test_no_template_compares_roles():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {text.strip()}"
        for path in template_files()
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if TEMPLATE_ROLE.search(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "if request.user.role == Role.LEAD: pass",
        "if user.role != 'agent': pass",
        "x = user.role in (Role.HR, Role.ADMIN)",
        "User.objects.filter(role=Role.AGENT)",
        "Membership.objects.filter(team__in=teams, user__role='agent')",
        "Q(user__role__in=[Role.HR])",
        "ok = Role.AGENT == kind",
    ],
)
def test_the_check_finds_every_kind_of_role_comparison(source):
    assert role_comparisons(source) == [1]


@pytest.mark.parametrize(
    "source",
    [
        "User(email=e, role=Role.AGENT)",
        "extra.setdefault('role', Role.ADMIN)",
        "event = Event(actor_role=actor.role)",
        "status == 'active'",
    ],
)
def test_creating_users_and_recording_a_role_are_no_comparisons(source):
    assert role_comparisons(source) == []


@pytest.mark.parametrize(
    "line,found",
    [
        ('{% if nav_role == "lead" %}', True),
        ('{% if user.role == "hr" %}', True),
        ("{% if pages.lead %}", False),
        ('{% if review.status == "shared" %}', False),
    ],
)
def test_the_template_check_finds_role_comparisons(line, found):
    assert bool(TEMPLATE_ROLE.search(line)) is found


def test_the_checks_read_the_apps_and_their_templates():
    checked = {path.relative_to(ROOT).parts[0] for path in python_files()}
    assert {"feedback", "portal", "reviews", "skills", "training", "briefings", "people"} <= checked
    assert any("feedback" in path.parts for path in template_files())


# The account flags that decide what someone may open (Django's admin flag, the API's service
# accounts) are read by the rulebook alone; the user model and its admin form define them, and the
# benchmark's tooling (bench/, scripts/) cleans up after itself.
ACCESS_FLAGS = {"is_staff", "is_service_account"}
DEFINES_THE_FLAGS = {Path("people/models.py"), Path("people/admin.py")}


def access_flag_reads(source: str, filename: str = "<source>") -> list[int]:
    """Line numbers where Python source reads an access flag or filters by one (setting it, as a
    keyword of a constructor or a `create`, is not a rule)."""
    lines = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ACCESS_FLAGS
            and isinstance(node.ctx, ast.Load)
        ):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            called = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if called in QUERY_METHODS and any(
                keyword.arg in ACCESS_FLAGS for keyword in node.keywords
            ):
                lines.append(node.lineno)
    return lines


def test_no_python_module_outside_the_policy_reads_the_access_flags():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files()
        if path.relative_to(ROOT) not in DEFINES_THE_FLAGS
        and not {"migrations", "bench", "scripts"} & set(path.relative_to(ROOT).parts)
        for line in access_flag_reads(path.read_text(), str(path))
    ]
    assert found == []


def test_no_template_reads_the_access_flags():
    flag = re.compile(r"\.(is_staff|is_service_account)\b")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {text.strip()}"
        for path in template_files()
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if flag.search(text)
    ]
    assert found == []
