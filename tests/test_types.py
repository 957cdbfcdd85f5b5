"""Types: mypy covers the rulebook, every service and selector and core/ (`make types`), and each of
those modules is either strict (every function annotated) or named as not yet annotated."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MYPY = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]


def modules_with(option: str, value: bool) -> set[str]:
    return {
        module
        for override in MYPY["overrides"]
        if override.get(option) is value
        for module in override["module"]
    }


def typed_modules() -> set[str]:
    """The modules `make types` checks, by their dotted names."""
    paths = [*ROOT.glob("*/services.py"), *ROOT.glob("*/selectors.py")]
    paths += [*ROOT.glob("*/services/*.py"), *ROOT.glob("*/selectors/*.py")]
    paths += [*(ROOT / "core").rglob("*.py"), *(ROOT / "people" / "access").glob("*.py")]
    names = set()
    for path in paths:
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_service_selector_and_core_module_is_strict_or_named_as_not_yet_annotated():
    strict = modules_with("disallow_untyped_defs", True)
    pending = modules_with("disallow_untyped_defs", False)
    assert strict & pending == set()
    wildcard = {module[: -len(".*")] for module in strict | pending if module.endswith(".*")}
    unlisted = {
        module
        for module in typed_modules() - strict - pending
        if not any(module == prefix or module.startswith(f"{prefix}.") for prefix in wildcard)
        and module not in {"core", "core.templatetags"}
    }
    assert unlisted == set(), (
        "annotate these modules and list them as strict under [tool.mypy] in pyproject.toml"
    )


def test_the_bodies_of_all_of_them_are_checked():
    checked = modules_with("check_untyped_defs", True)
    assert {"people.access.*", "core.*", "*.services", "*.selectors"} <= checked
