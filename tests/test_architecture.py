"""The architecture the README describes, enforced (issue 20).

1. Dependency rule: an app in tracker/ imports only apps in lower layers of
   settings.TRACKER_LAYERS, and names (reverse(), redirect(), {% url %}) only URLs of its own
   layer or lower ones. apps.get_model() and dotted "tracker.<app>" strings count as imports.
   A path written out ("/cases/...") that a view of another app answers is refused at any layer:
   URLs go through reverse().
2. Size: no function in tracker/ over MAX_LINES lines; no cyclomatic complexity over 15 (ruff's
   C901, configured in pyproject.toml, so `ruff check` in CI enforces it too).

Today's offenders are listed below, each with the developer who owns it. The lists only shrink:
an entry that no longer offends fails the test until it is removed.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, get_resolver, resolve

ROOT = Path(__file__).resolve().parent.parent
TRACKER = ROOT / "tracker"
MAX_LINES = 60
MAX_COMPLEXITY = 15

# "path: what it does" -> who owns fixing it.
LAYER_ALLOWLIST: dict[str, str] = {}

# (path, function) -> owner, for functions over MAX_LINES lines.
LENGTH_ALLOWLIST: dict[tuple[str, str], str] = {}

# (path, function) -> owner, for functions over MAX_COMPLEXITY. Each path is also in
# pyproject.toml's per-file-ignores for C901 (and only these paths are).
COMPLEXITY_ALLOWLIST: dict[tuple[str, str], str] = {}


def _layer_of() -> dict[str, int]:
    return {app: rank for rank, layer in enumerate(settings.TRACKER_LAYERS) for app in layer}


def _app_files():
    """(app, path relative to ROOT) for each Python file of an app, migrations aside."""
    for path in sorted(TRACKER.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if len(rel.parts) > 2 and "migrations" not in rel.parts:
            yield rel.parts[1], rel


def _template_files():
    """(app, path) for each template an app owns: templates/<app>/ and tracker/<app>/templates/."""
    apps = set(_layer_of())
    for path in sorted((ROOT / "templates").rglob("*.html")):
        rel = path.relative_to(ROOT)
        if len(rel.parts) > 2 and rel.parts[1] in apps:
            yield rel.parts[1], rel
    for path in sorted(TRACKER.glob("*/templates/**/*.html")):
        rel = path.relative_to(ROOT)
        yield rel.parts[1], rel


def _namespace_apps() -> dict[str, str]:
    """URL namespace -> the app whose URLconf defines it ("feeds" is tracker.api.feed_urls)."""
    found = {}
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        module = getattr(resolver.urlconf_name, "__name__", str(resolver.urlconf_name))
        parts = module.split(".")
        if parts[0] == "tracker" and len(parts) > 2:
            found[namespace] = parts[1]
    return found


def _path_owner(text: str) -> str | None:
    """The app whose view answers a written-out path, or None when none does."""
    if not re.match(r"/\w", text):
        return None
    try:
        match = resolve(text.split("?")[0].split("#")[0])
    except Resolver404:
        return None
    func = getattr(match.func, "view_class", match.func)
    parts = func.__module__.split(".")
    return parts[1] if parts[0] == "tracker" and len(parts) > 2 else None


def _literal(node: ast.AST) -> str | None:
    """A string constant, or an f-string with each placeholder read as "1"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "1" for part in node.values
        )
    return None


def _python_uses(tree: ast.AST, namespaces: dict[str, str]):
    """(kind, target app, what) for each dependency a module's code states."""
    for node in ast.walk(tree):
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        for module in modules:
            parts = module.split(".")
            if parts[0] == "tracker" and len(parts) > 1:
                yield "imports", parts[1], module
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield (
                "imports",
                str(node.args[0].value).split(".")[0],
                f"get_model {node.args[0].value}",
            )
        text = _literal(node)
        if text is None:
            continue
        if re.fullmatch(r"tracker\.\w+\..+", text):
            yield "imports", text.split(".")[1], text
        namespace = re.fullmatch(r"(\w+):[\w-]+", text)
        if namespace and namespace[1] in namespaces:
            yield "names", namespaces[namespace[1]], text
        owner = _path_owner(text)
        if owner:
            yield "writes the path of", owner, text


def _violations() -> list[str]:
    layer = _layer_of()
    namespaces = _namespace_apps()
    found = set()
    for app, rel in _app_files():
        tree = ast.parse((ROOT / rel).read_text(), filename=str(rel))
        for kind, target, what in _python_uses(tree, namespaces):
            if target not in layer or target == app:
                continue
            allowed = kind != "writes the path of" and (
                layer[target] < layer[app] or (kind == "names" and layer[target] == layer[app])
            )
            if not allowed:
                found.add(f"{rel}: {kind} {what}")
    for app, rel in _template_files():
        text = (ROOT / rel).read_text()
        for namespace in re.findall(r"{%\s*url\s+['\"](\w+):", text):
            target = namespaces.get(namespace)
            if target and target != app and layer[target] > layer[app]:
                found.add(f"{rel}: names {namespace}:")
    return sorted(found)


def test_readme_states_the_layers():
    readme = (ROOT / "README.md").read_text()
    stated = " ← ".join(", ".join(layer) for layer in settings.TRACKER_LAYERS)
    assert f"`{stated}`" in readme, f"README should state the layers as `{stated}`"
    tracker_apps = [app for app in settings.INSTALLED_APPS if app.startswith("tracker.")]
    assert sorted(tracker_apps) == sorted(
        f"tracker.{p.parent.name}" for p in TRACKER.glob("*/apps.py")
    )


@pytest.mark.django_db(databases=[])
def test_lower_apps_never_depend_on_higher_ones():
    found = _violations()
    new = [v for v in found if v not in LAYER_ALLOWLIST]
    assert not new, "dependencies against settings.TRACKER_LAYERS:\n" + "\n".join(new)
    stale = sorted(set(LAYER_ALLOWLIST) - set(found))
    assert not stale, "fixed: remove from LAYER_ALLOWLIST:\n" + "\n".join(stale)


def test_the_checker_sees_each_kind_of_dependency():
    namespaces = {"web": "web", "alerts": "alerts"}
    source = (
        "from tracker.web import views\n"
        "import tracker.alerts.models\n"
        "apps.get_model('news', 'Feed')\n"
        "reverse('web:case', args=[1])\n"
        "hook = 'tracker.alerts.services.accepted_enqueue'\n"
    )
    uses = {(kind, target) for kind, target, _ in _python_uses(ast.parse(source), namespaces)}
    assert uses == {
        ("imports", "web"),
        ("imports", "alerts"),
        ("imports", "news"),
        ("names", "web"),
    }


def _long_functions() -> dict[tuple[str, str], int]:
    found = {}
    for _app, rel in _app_files():
        for node in ast.walk(ast.parse((ROOT / rel).read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    found[(str(rel), node.name)] = lines
    return found


def test_no_function_is_longer_than_sixty_lines():
    found = _long_functions()
    new = {key: n for key, n in found.items() if key not in LENGTH_ALLOWLIST}
    assert not new, f"functions over {MAX_LINES} lines (split them into named steps): {new}"
    stale = sorted(set(LENGTH_ALLOWLIST) - set(found))
    assert not stale, f"now short enough: remove from LENGTH_ALLOWLIST: {stale}"


def test_complexity_allowlist_matches_ruff():
    """pyproject's C901 per-file ignores cover exactly the allowlisted functions' files, and ruff
    (without those ignores) finds exactly the allowlisted functions in them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert config["mccabe"]["max-complexity"] == MAX_COMPLEXITY
    assert "C90" in config["select"]
    ignored = {path for path, rules in config["per-file-ignores"].items() if "C901" in rules}
    assert ignored == {path for path, _ in COMPLEXITY_ALLOWLIST}
    if not ignored:
        return  # nothing excused: `ruff check` enforces C901 everywhere
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip(f"ruff is not installed beside {sys.executable}")
    result = subprocess.run(
        [
            str(ruff),
            "check",
            "--isolated",
            "--select",
            "C901",
            "--output-format",
            "json",
            "--config",
            f"lint.mccabe.max-complexity={MAX_COMPLEXITY}",
            *sorted(ignored),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    found = {
        (str(Path(item["filename"]).relative_to(ROOT)), re.search(r"`(\w+)`", item["message"])[1])
        for item in json.loads(result.stdout)
    }
    assert found == set(COMPLEXITY_ALLOWLIST), (
        f"new offenders: {sorted(found - set(COMPLEXITY_ALLOWLIST))}; "
        f"fixed (remove from COMPLEXITY_ALLOWLIST): {sorted(set(COMPLEXITY_ALLOWLIST) - found)}"
    )
