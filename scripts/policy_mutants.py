"""Mutation check of the rulebook: does the authorization matrix notice when a rule is wrong?

Each mutant changes one rule of `people/access/` (one line: a role that slips in, a condition dropped,
a works-council switch ignored). For each, the matrix runs against the mutated policy; a failing
matrix kills the mutant, a passing one lets it survive (a hole in the matrix). The source is restored
after every mutant, also when interrupted.

    .venv/bin/python scripts/policy_mutants.py                 # every mutant, against the matrix
    .venv/bin/python scripts/policy_mutants.py --list          # the mutants, without running
    .venv/bin/python scripts/policy_mutants.py --only switch   # those whose name contains "switch"

Run it in a clean checkout (a git worktree): it edits files in place while it runs.
"""

import argparse
import ast
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "people" / "access"
MATRIX = ["tests/test_authorization_matrix.py"]


@dataclass(frozen=True)
class Mutant:
    name: str
    module: str  # file under people/access/
    original: str
    mutated: str


def role_mutant(name: str, function: str, admits: tuple[str, ...]) -> Mutant:
    """A mutant of one role question of `roles.py`: the role test in the `return` of `function` (all
    that follows `user.is_authenticated and`) admits exactly the roles `admits` (`Role` members).

    The original line is read from `roles.py` and the mutated one built from it, so that no role
    comparison is written outside `people/access/`; a function that is gone or answers differently
    makes a stale mutant."""
    source = (POLICY / "roles.py").read_text()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            returned = node.body[-1]
            break
    else:
        return Mutant(name, "roles.py", f"<no function {function}() in roles.py>", "")
    test = returned.value if isinstance(returned, ast.Return) else None
    if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)):
        return Mutant(name, "roles.py", f"<{function}() returns no `... and <role test>`>", "")
    role = next(
        (n for n in ast.walk(test.values[-1]) if isinstance(n, ast.Attribute) and n.attr == "role"),
        None,
    )
    if role is None:
        return Mutant(name, "roles.py", f"<{function}() has no role test>", "")
    roles = ast.Tuple([ast.Attribute(ast.Name("Role"), member) for member in admits])
    mutated = ast.BoolOp(ast.And(), [*test.values[:-1], ast.Compare(role, [ast.In()], [roles])])
    original = ast.get_source_segment(source, returned) or ""
    return Mutant(name, "roles.py", original, ast.unparse(ast.Return(mutated)))


MUTANTS = [
    role_mutant("a lead counts as an agent", "is_agent", admits=("AGENT", "LEAD")),
    role_mutant("HR counts as a team lead", "is_team_lead", admits=("LEAD", "HR")),
    role_mutant("an administrator is not HR", "is_hr_or_admin", admits=("HR",)),
    Mutant(
        "a lead sees every team",
        "agents.py",
        "def teams_visible_to(user: User) -> QuerySet[Team]:\n    if not user.is_authenticated:\n        return Team.objects.none()\n    if is_hr_or_admin(user):\n        return Team.objects.all()\n    if is_team_lead(user):\n        return Team.objects.filter(id__in=led_team_ids(user))",
        "def teams_visible_to(user: User) -> QuerySet[Team]:\n    if not user.is_authenticated:\n        return Team.objects.none()\n    if is_hr_or_admin(user):\n        return Team.objects.all()\n    if is_team_lead(user):\n        return Team.objects.all()",
    ),
    Mutant(
        "a lead sees every agent",
        "agents.py",
        "        return agents().filter(_currently_in(led_team_ids(user)) | _starting_in(led_team_ids(user)))\n    return agents().filter(pk=user.pk)",
        "        return agents()\n    return agents().filter(pk=user.pk)",
    ),
    Mutant(
        "an agent sees every agent",
        "agents.py",
        "    return agents().filter(pk=user.pk)",
        "    return agents()",
    ),
    Mutant(
        "a former lead still leads",
        "agents.py",
        'return TeamMembership.objects.current(on).leads().filter(user=user).values("team_id")',
        'return TeamMembership.objects.leads().filter(user=user).values("team_id")',
    ),
    Mutant(
        "HR coaches",
        "agents.py",
        "    if not is_team_lead(user):\n        return agents().none()\n    return agents().filter(_currently_in(led_team_ids(user)))",
        "    if is_hr_or_admin(user):\n        return agents()\n    if not is_team_lead(user):\n        return agents().none()\n    return agents().filter(_currently_in(led_team_ids(user)))",
    ),
    Mutant(
        "the agent may not note on their own plan",
        "agents.py",
        "        return self.is_self or self.can_coach\n",
        "        return self.can_coach\n",
    ),
    Mutant(
        "individual key figures ignore the works-council switch",
        "agents.py",
        "return features.is_on(features.INDIVIDUAL_KPIS) and (self.is_self or self.can_coach)",
        "return self.is_self or self.can_coach",
    ),
    Mutant(
        "leads' skill ratings ignore the works-council switch",
        "agents.py",
        "return self.is_self or (self.can_coach and features.is_on(features.LEAD_SKILL_RATINGS))",
        "return self.is_self or self.can_coach",
    ),
    Mutant(
        "a private record is seen by whoever sees its agent",
        "records.py",
        "    return queryset.filter(written_by_user | _shared_with(user, agent_field, shared_q))",
        "    return queryset.filter(written_by_user | _shared_with(user, agent_field, Q()))",
    ),
    Mutant(
        "shared records reach everyone",
        "records.py",
        '    return shared_q & Q(**{f"{agent_field}__in": agents_visible_to(user)})',
        "    return shared_q",
    ),
    Mutant(
        "HR sees unshared records",
        "records.py",
        "    if is_hr_or_admin(user):\n        return queryset.filter(shared)",
        "    if is_hr_or_admin(user):\n        return queryset",
    ),
    Mutant(
        "any lead of the agent changes a private record",
        "records.py",
        "    return queryset.filter(\n        author_leads_agent_now(author_field=author_field, agent_field=agent_field),\n        **{author_field: user},\n    )",
        "    return queryset.filter(\n        author_leads_agent_now(author_field=author_field, agent_field=agent_field)\n    )",
    ),
    Mutant(
        "a former lead still changes their private record",
        "records.py",
        '    return Q(Exists(leads_agent_team), **{f"{author_field}__is_active": True})',
        '    return Q(**{f"{author_field}__is_active": True})',
    ),
    Mutant(
        "an agent reads the drafts about them",
        "records.py",
        "    return queryset.filter(draft_q, **{agent_field: user})",
        "    return queryset.filter(**{agent_field: user})",
    ),
    Mutant(
        "a former mentor still sees the pairing",
        "mentoring.py",
        "        Q(mentor=user, status=MentorPairing.Status.ACTIVE)",
        "        Q(mentor=user)",
    ),
    Mutant(
        "the mentor ends the pairing",
        "mentoring.py",
        "return pairings_visible_to(user).filter(\n        Q(mentee=user)\n        | Q(mentee__in=agents_coached_by(user))\n        | Q(mentee__in=agents_starting_with(user))\n    )",
        "return pairings_visible_to(user)",
    ),
    Mutant(
        "upward feedback ignores the works-council switch (giving)",
        "pages.py",
        "return features.is_on(features.UPWARD_FEEDBACK) and is_agent(user)",
        "return is_agent(user)",
    ),
    Mutant(
        "upward feedback ignores the works-council switch (the lead's figures)",
        "pages.py",
        "return features.is_on(features.UPWARD_FEEDBACK) and is_team_lead(user)",
        "return is_team_lead(user)",
    ),
    Mutant(
        "upward feedback ignores the works-council switch (HR's figures)",
        "pages.py",
        "return features.is_on(features.UPWARD_FEEDBACK) and is_hr_or_admin(user)",
        "return is_hr_or_admin(user)",
    ),
    Mutant(
        "lead timeliness ignores the works-council switch",
        "pages.py",
        "return features.is_on(features.LEAD_TIMELINESS) and (is_team_lead(user) or is_hr_or_admin(user))",
        "return is_team_lead(user) or is_hr_or_admin(user)",
    ),
    Mutant(
        "agents open the team overviews",
        "pages.py",
        "return is_team_lead(user) or is_hr_or_admin(user)\n\n\ndef require_team_overviews",
        "return user.is_authenticated\n\n\ndef require_team_overviews",
    ),
    Mutant(
        "HR opens the lead pages",
        "pages.py",
        "    require(is_team_lead(user))",
        "    require(is_team_lead(user) or is_hr_or_admin(user))",
    ),
    Mutant(
        "objective proposals ignore the works-council switch",
        "objectives.py",
        "    return features.is_on(features.OBJECTIVE_PROPOSALS)",
        "    return True",
    ),
    Mutant(
        "HR downloads a person's copy of personal data",
        "copies.py",
        '    """The copies the user downloads: their own, nobody else\'s."""\n    if not user.is_authenticated or not user.is_active:\n        return queryset.none()\n    return queryset.filter(person=user)',
        '    """The copies the user downloads: their own, nobody else\'s."""\n    if not user.is_authenticated or not user.is_active:\n        return queryset.none()\n    if is_hr_or_admin(user):\n        return queryset\n    return queryset.filter(person=user)',
    ),
    Mutant(
        "a lead records a copy request for an agent",
        "copies.py",
        "    return is_hr_or_admin(user)\n\n\ndef copies_for",
        "    return True\n\n\ndef copies_for",
    ),
    Mutant(
        "a lead reads unpublished briefings",
        "agents.py",
        '    """Drafts of briefings are HR\'s (and the admins\') until they are published."""\n    return is_hr_or_admin(user)',
        '    """Drafts of briefings are HR\'s (and the admins\') until they are published."""\n    return is_hr_or_admin(user) or is_team_lead(user)',
    ),
]


def run(tests: list[str]) -> tuple[bool, float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-o", "addopts=", *tests],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode != 0, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--only", default="", help="run the mutants whose name contains this")
    parser.add_argument("tests", nargs="*", default=MATRIX, help="what must kill them")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if args.only in m.name]
    for mutant in chosen:  # every mutant must still match the policy it mutates
        source = (POLICY / mutant.module).read_text()
        if source.count(mutant.original) != 1:
            print(f"stale mutant (the rule changed): {mutant.name}", file=sys.stderr)
            return 2
    if args.list:
        print("\n".join(m.name for m in chosen))
        return 0
    if run(args.tests)[0]:
        print("the tests fail without any mutant: fix them first", file=sys.stderr)
        return 2
    survivors = []
    for mutant in chosen:
        path = POLICY / mutant.module
        original = path.read_text()
        try:
            path.write_text(original.replace(mutant.original, mutant.mutated))
            killed, seconds = run(args.tests)
        finally:
            path.write_text(original)
        print(f"{'killed  ' if killed else 'SURVIVED'} {seconds:6.0f} s  {mutant.name}", flush=True)
        if not killed:
            survivors.append(mutant.name)
    print(
        f"{len(chosen) - len(survivors)} of {len(chosen)} mutants killed by {' '.join(args.tests)}"
    )
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
