"""Dependencies run one way: `core` at the bottom, `people` next, `portal` on top.

Each of our apps has a place in LAYERS; an app imports only apps below it (in any module, also inside
a function, also in migrations). A new app fails `test_every_app_of_ours_has_a_layer` until it is
placed here, which is where its place is decided.
"""

import ast
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import the apps listed before it, never one after it.
LAYERS = [
    "core",
    "people",
    "audit",
    "security",
    "notifications",
    "skills",
    "plans",
    "training",
    "kpis",
    "feedback",
    "reviews",
    "reports",
    "briefings",
    "privacy",
    "portal",
]


def our_apps() -> list[str]:
    return [
        config.name
        for config in django_apps.get_app_configs()
        if (ROOT / config.name).is_dir() and Path(config.path).resolve().is_relative_to(ROOT)
    ]


def imported_apps(path: Path) -> set[str]:
    """The top-level packages of ours that `path` imports, anywhere in the module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(LAYERS)


def upward_imports(app: str) -> list[str]:
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    return [
        f"{path.relative_to(ROOT)} imports {imported}"
        for path in sorted((ROOT / app).rglob("*.py"))
        for imported in sorted(imported_apps(path) - allowed)
    ]


def test_every_app_of_ours_has_a_layer():
    assert set(our_apps()) - set(LAYERS) == set()
    assert set(LAYERS) <= set(settings.INSTALLED_APPS)


def test_no_app_imports_an_app_above_it():
    upward = [line for app in LAYERS for line in upward_imports(app)]
    assert upward == []


def test_core_imports_none_of_our_apps_and_people_only_core():
    assert upward_imports("core") == []
    assert {i for p in (ROOT / "people").rglob("*.py") for i in imported_apps(p)} <= {
        "core",
        "people",
    }


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from portal import sections\n    import skills.models\n")
    assert imported_apps(module) == {"portal", "skills"}
