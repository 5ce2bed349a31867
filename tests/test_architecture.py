"""The layout that DESIGN.md promises, read from the source with `ast`: the apps keep out of each
other and out of the project, nothing reaches into Django's private names or Query internals,
and every module stays small enough to read in one go."""

import ast
import os
from pathlib import Path

import pytest
from django.db.models.sql import Query

ROOT = Path(__file__).resolve().parent.parent
APPS = ("articles", "online_messages", "pagecache")
PROJECT = "newscenter"
# What each app must never import. Apps may use pagecache, but it knows no model: they tell it
# what makes pages stale.
FORBIDDEN_IMPORTS = {
    "articles": {"online_messages", PROJECT},
    "online_messages": {"articles", PROJECT},
    "pagecache": {"articles", "online_messages", PROJECT},
}
# Private machinery that an upgrade of Django may change without notice.
PRIVATE_ATTRIBUTES = {"alias_map", "alias_refcount", "clear_where", "run_on_commit", "_items"}
QUERY_ATTRIBUTES = {name for name in dir(Query(None)) if not name.startswith("__")}
# Documented API despite its underscore.
PUBLIC_UNDERSCORED = {"_meta"}
MAX_LINES = 300
SKIPPED_FOLDERS = {"node_modules", "__pycache__", "media", "staticfiles", "static"}


def python_files(*folders):
    """The .py files under `folders` of the repository, or under the whole repository."""
    for root in [ROOT / folder for folder in folders] if folders else [ROOT]:
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(
                name
                for name in subfolders
                if not (name.startswith(".") or name in SKIPPED_FOLDERS or name.endswith("-info"))
            )
            yield from (Path(folder) / name for name in sorted(files) if name.endswith(".py"))


def runtime_files():
    """The code that runs the site: the apps, the project, manage.py and gunicorn.conf.py."""
    yield from python_files(*[name for name in (*APPS, PROJECT) if (ROOT / name).is_dir()])
    yield from sorted(ROOT.glob("*.py"))


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path):
    """(line, absolute module, imported name or None) for each import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            for alias in node.names:
                yield node.lineno, module, alias.name


def where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


def top_package(module):
    return module.split(".")[0]


def test_apps_import_neither_each_other_nor_the_project():
    found = []
    for app, forbidden in FORBIDDEN_IMPORTS.items():
        if not (ROOT / app).is_dir():
            continue
        for path in python_files(app):
            for line, module, _name in imports(path):
                if top_package(module) in forbidden:
                    found.append(f"{where(path, line)} imports {module}")
    assert not found, "An app reaches into another app or the project:\n" + "\n".join(found)


def is_private(name):
    return name.startswith("_") and not name.startswith("__")


def test_nothing_imports_private_names_from_django():
    found = []
    for path in (*runtime_files(), *python_files("tests")):
        for line, module, name in imports(path):
            if top_package(module) != "django":
                continue
            if any(is_private(part) for part in module.split(".")) or (name and is_private(name)):
                shown = f"{module}.{name}" if name else module
                found.append(f"{where(path, line)} imports {shown}")
    assert not found, "Private Django names imported:\n" + "\n".join(found)


def django_names(tree):
    """The names that a file binds to something imported from Django."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {
                (alias.asname or alias.name).split(".")[0]
                for alias in node.names
                if top_package(alias.name) == "django"
            }
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names |= {
                alias.asname or alias.name
                for alias in node.names
                if top_package(node.module) == "django"
            }
    return names


def private_uses(tree):
    """(line, expression) for each use of Django internals in a parsed file."""
    from_django = django_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        if node.attr in PRIVATE_ATTRIBUTES:
            yield node.lineno, f".{node.attr}"
        elif isinstance(owner, ast.Attribute) and owner.attr == "query":
            if node.attr in QUERY_ATTRIBUTES:
                yield node.lineno, f".query.{node.attr}"
        elif (
            isinstance(owner, ast.Name)
            and owner.id in from_django
            and is_private(node.attr)
            and node.attr not in PUBLIC_UNDERSCORED
        ):
            yield node.lineno, f"{owner.id}.{node.attr}"


def test_runtime_code_does_not_touch_query_or_connection_internals():
    found = []
    for path in runtime_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [f"{where(path, line)} uses {used}" for line, used in private_uses(tree)]
    assert not found, "Django internals used:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source, found",
    [
        ("qs.query.clear_where()", [".clear_where"]),
        ("qs.query.where.children", [".query.where"]),
        ("transaction.get_connection().run_on_commit", [".run_on_commit"]),
        (
            "from django.db import connection\nconnection._savepoint_allowed()",
            ["connection._savepoint_allowed"],
        ),
        ("from django.db import models\nArticle._meta.get_field('title')", []),
        ("urlsplit(url).query.split('&')", []),
    ],
)
def test_the_internals_check_sees_what_it_should(source, found):
    assert [used for _line, used in private_uses(ast.parse(source))] == found


def test_no_module_is_over_three_hundred_lines():
    too_long = {}
    for path in python_files():
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts or parts[0] == "tests":
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[str(path.relative_to(ROOT))] = lines
    assert not too_long, f"Split these by concern (at most {MAX_LINES} lines): {too_long}"
