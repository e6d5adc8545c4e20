"""What was measured, on what: the printed report and ``bench/results/latest.json``.

Timings are only comparable with the machine and versions they came from, so every report
carries them, plus the load average before and after: a load above the core count means the
numbers were taken on a busy machine and only the ratios should be trusted.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from .registry import TARGETS, Outcome

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_OUT = RESULTS_DIR / "latest.json"


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on Linux/macOS
        return None


def machine_info() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "mkdocs_journey_maps": _version("mkdocs-journey-maps"),
        "pydantic": _version("pydantic"),
    }


def render(outcomes: dict[str, Outcome], header: dict[str, Any]) -> str:
    machine = header["machine"]
    before, after = header.get("load_before"), header.get("load_after")
    lines = [
        f"mkdocs-journey-maps bench: {machine['cpu_count']} CPUs, Python {machine['python']}, "
        f"mkdocs {machine['mkdocs']}, material {machine['mkdocs_material']}",
        f"load average before {before}, after {after}; took {header['elapsed_seconds']:.0f} s",
    ]
    cpus = machine["cpu_count"] or 1
    if any(load and load[0] > cpus * 0.75 for load in (before, after)):
        lines.append("note: the machine was busy; trust ratios and minimums over medians")
    for outcome in outcomes.values():
        lines += ["", outcome.text]
    lines += ["", *targets_table(outcomes)]
    failures = [f"{name}: {text}" for name, o in outcomes.items() for text in o.failures]
    if failures:
        lines += ["", "FAILED:", *(f"  {text}" for text in failures)]
    return "\n".join(lines)


def targets_table(outcomes: dict[str, Outcome]) -> list[str]:
    """Every target, with the verdict of each measurement that judged it in this run."""
    lines = ["targets"]
    for name in TARGETS:
        judged = [(who, t) for who, o in outcomes.items() for t in o.targets if t.name == name]
        if not judged:
            lines.append(f"  {name}: not measured in this run")
        for who, target in judged:
            lines.append(f"  {name}: {target.verdict} ({who}: {target.detail})")
    return lines


def write_json(path: Path, outcomes: dict[str, Outcome], header: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        **header,
        "measurements": {name: o.data for name, o in outcomes.items()},
        "targets": {
            name: [
                {"measurement": who, "held": t.held, "detail": t.detail}
                for who, o in outcomes.items()
                for t in o.targets
                if t.name == name
            ]
            for name in TARGETS
        },
        "failures": {name: o.failures for name, o in outcomes.items() if o.failures},
    }
    path.write_text(
        json.dumps(document, indent=2, default=str, ensure_ascii=False) + "\n", encoding="utf-8"
    )
