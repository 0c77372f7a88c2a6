"""The shape of articles/extraction: short functions, no Django, and no two modules importing each other."""

import ast
from pathlib import Path

import pytest

import articles.extraction

PACKAGE = Path(articles.extraction.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_FUNCTION_LINES = 80


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _sibling_imports(path: Path) -> set[str]:
    """The modules of articles.extraction that ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:  # from .people import x
                found.add(node.module.split(".")[0])
            elif node.level == 1:  # from . import lexicons
                found.update(alias.name for alias in node.names)
            elif node.level == 0 and (node.module or "").startswith("articles.extraction."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[2] for alias in node.names if alias.name.startswith("articles.extraction.")
            )
    return found - {_name(path)}


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_function_is_longer_than_80_lines(path):
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(_tree(path))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_django_import(path):
    imported = {
        name
        for node in ast.walk(_tree(path))
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import)
            else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )
    }
    assert not {name for name in imported if name.split(".")[0] in ("django", "rest_framework")}


def test_no_module_imports_a_sibling_that_imports_it_back():
    graph = {_name(path): _sibling_imports(path) for path in MODULES if _name(path)}
    top = {name.split(".")[0]: deps for name, deps in graph.items()}
    cycles = sorted((a, b) for a, deps in top.items() for b in deps if a < b and a in top.get(b, ()))
    assert cycles == []


def test_stage_modules_form_no_import_cycle():
    graph = {_name(path).split(".")[0]: _sibling_imports(path) for path in MODULES if _name(path)}
    visiting, done = set(), set()

    def visit(module, trail):
        assert module not in visiting, " -> ".join(trail + [module])
        if module in done:
            return
        visiting.add(module)
        for imported in graph.get(module, ()):
            visit(imported, trail + [module])
        visiting.discard(module)
        done.add(module)

    for module in graph:
        visit(module, [])


def test_page_structure_functions_are_at_most_60_lines():
    long = [
        node.name
        for node in ast.walk(_tree(PACKAGE / "structure.py"))
        if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 60
    ]
    assert long == []
