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
    "qa",
    "reviews",
    "reports",
    "briefings",
    "objectives",
    "one_on_ones",
    "privacy",
    "api",
    "portal",
]


def our_apps() -> list[str]:
    return [
        config.name
        for config in django_apps.get_app_configs()
        if (ROOT / config.name).is_dir() and Path(config.path).resolve().is_relative_to(ROOT)
    ]


def _type_checking_only(node: ast.AST) -> bool:
    """`if TYPE_CHECKING:`: imports for the type checker alone, which the running code never makes
    (the rulebook names other apps' models in its annotations this way, and imports no app)."""
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _nodes_that_run(tree: ast.AST):
    for child in ast.iter_child_nodes(tree):
        if _type_checking_only(child):
            yield from (n for n in child.orelse for n in [n, *_nodes_that_run(n)])
            continue
        yield child
        yield from _nodes_that_run(child)


def imported_apps(path: Path) -> set[str]:
    """The top-level packages of ours that `path` imports when it runs, anywhere in the module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in _nodes_that_run(tree):
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


# The apps `people` may point to in its models and migrations: itself, `core`, and Django's own.
PEOPLE_MAY_REFER_TO = {"people", "core", "auth", "contenttypes", "sessions", "admin"}


def _app_label(reference) -> str:
    """The app label of a model reference: a model class or a string "app_label.Model"."""
    if isinstance(reference, str):
        return reference.split(".")[0].lower() if "." in reference else ""
    return reference._meta.app_label


def _referenced_apps_of_operation(operation) -> set[str]:
    fields = list(getattr(operation, "fields", []))
    if getattr(operation, "field", None) is not None:
        fields.append((operation.name, operation.field))
    apps = set()
    for _name, field in fields:
        remote = getattr(field, "remote_field", None)
        if remote is not None:
            apps.add(_app_label(remote.model))
            if getattr(remote, "through", None) is not None:
                apps.add(_app_label(remote.through))
    return apps - {""}


def test_people_migrations_depend_on_no_app_of_ours_but_core():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    people = [key for key in loader.graph.nodes if key[0] == "people"]
    assert people, "the migration graph has people's migrations"
    outside = {
        (key, parent)
        for key in people
        for parent in loader.graph.node_map[key].parents
        if parent.key[0] not in PEOPLE_MAY_REFER_TO
    }
    assert outside == set()
    referred = {
        app
        for key in people
        for operation in loader.graph.nodes[key].operations
        for app in _referenced_apps_of_operation(operation)
    }
    assert referred <= PEOPLE_MAY_REFER_TO | {"people"}, referred


def test_people_models_refer_to_no_app_of_ours_but_core():
    referred = {
        field.related_model._meta.app_label
        for model in django_apps.get_app_config("people").get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.related_model is not None and field.concrete
    }
    referred |= {
        field.remote_field.through._meta.app_label
        for model in django_apps.get_app_config("people").get_models()
        for field in model._meta.many_to_many
    }
    assert referred <= PEOPLE_MAY_REFER_TO, referred


def test_the_migration_check_sees_a_reference_to_a_higher_app():
    from django.db import migrations, models

    operation = migrations.AddField(
        "mentorpairing", "focus", models.ManyToManyField("skills.Skill")
    )
    assert _referenced_apps_of_operation(operation) == {"skills"}
