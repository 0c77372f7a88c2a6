"""benchmarks/api_growth.py's report: growth ratios, the 1M projection and the verdict against a target."""

import importlib.util
import json
import sys
from argparse import Namespace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _case(name, kind, p95, *, timed_out=False):
    return {"kind": kind, "name": name, "url": "/", "p50": p95, "p95": p95, "requests": 30, "queries": 3,
            "count": None, "timed_out": timed_out, "timeout": 60.0}


def test_growth_report_projects_and_flags(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("api_growth", REPO_ROOT / "benchmarks" / "api_growth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    small = {"sizes": {"articles": 10_000}, "exports": [], "cases": [
        _case("flat", "list", 0.010), _case("growing", "list", 0.010), _case("slow", "stats", 0.090),
        _case("stuck", "admin", 0.0, timed_out=True)]}
    large = {"sizes": {"articles": 100_000}, "exports": [], "cases": [
        _case("flat", "list", 0.010), _case("growing", "list", 0.040), _case("slow", "stats", 0.200),
        _case("stuck", "admin", 0.0, timed_out=True)]}
    paths = []
    for name, data in (("small", small), ("large", large)):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(data))
    module.report(Namespace(results=[str(path) for path in paths]))
    rows = {line.split(" | ")[0].strip("| "): line for line in capsys.readouterr().out.splitlines()}
    assert rows["flat"].endswith("| 10 ms | <= 50 ms | ok |")
    assert "| 4.00 |" in rows["growing"] and rows["growing"].endswith("| 160 ms | <= 50 ms | **at risk** |")
    assert rows["slow"].endswith("**over already** |")
    assert "> 60 s (timeout)" in rows["stuck"] and rows["stuck"].endswith("**over already** |")
