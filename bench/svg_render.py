"""Per-map SVG render time, in process.

Rendering runs once per map page and language in a build, so its cost per map times the
gallery size is a floor on the plugin's overhead; the target is under 10 ms of CPU for a
15-stage map. CPU time, not wall time, is what is judged: the render is single-threaded and
does no I/O, and wall time on a shared machine also counts its neighbours.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from journey_maps.render.svg import render_map_svg

from .generate import Text, generate_map, generate_persona
from .registry import TARGETS, Options, Outcome, Target, measurement
from .words import SAMPLE_MAPS, sample_words

WARM_UP = 5
REPETITIONS = 50
STAGE_COUNTS = (5, 15, 30)
TARGET_STAGES, TARGET_MS = 15, 10.0


def median_ms(
    render: Callable[..., str], journey: Any, persona: Any, repetitions: int
) -> tuple[float, float]:
    """Median wall and CPU ms of ``repetitions`` renders after a few untimed ones (caches).

    The render is single-threaded and does no I/O, so CPU time is what it costs; wall time
    also counts whatever else the (shared) machine was doing, and is reported beside it.
    """
    for _ in range(WARM_UP):
        render(journey, persona, standalone=True)
    wall, cpu = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        render(journey, persona, standalone=True)
        cpu.append(time.process_time_ns() - start_cpu)
        wall.append(time.perf_counter_ns() - start)
    return statistics.median(wall) / 1e6, statistics.median(cpu) / 1e6


def _generated(stages: int, seed: int) -> tuple[Any, Any]:
    from journey_maps.core.model import JourneyMap, Persona

    words = sample_words()
    persona_id, persona = generate_persona(0, Text(random.Random(seed), words))
    _, data = generate_map(
        0,
        Text(random.Random(seed + stages), words),
        map_type="current-state",
        persona=persona_id,
        stage_count=stages,
    )
    return JourneyMap.model_validate(data), Persona.model_validate(persona)


@measurement("svg", "journey_maps.render.svg.render_map_svg: median ms per map, in process")
def run_svg(options: Options) -> Outcome:
    from journey_maps.load.folder import load_gallery

    repetitions = 5 if options.quick else REPETITIONS
    gallery, _ = load_gallery(SAMPLE_MAPS)
    sample = {
        map_id: median_ms(
            render_map_svg, journey, gallery.personas.get(journey.persona or ""), repetitions
        )
        for map_id, journey in gallery.maps.items()
    }
    generated = {
        stages: median_ms(render_map_svg, *_generated(stages, options.seed), repetitions)
        for stages in STAGE_COUNTS
    }
    target = generated.get(TARGET_STAGES)
    verdict = "met" if target is not None and target[1] < TARGET_MS else "MISSED"
    lines = [
        f"svg render, median of {repetitions} after {WARM_UP} warm-up (ms per map)",
        f"  {'':<34} {'wall':>8} {'cpu':>8}",
    ]
    lines += [f"  {map_id:<34} {w:>8.2f} {c:>8.2f}" for map_id, (w, c) in sample.items()]
    if sample:
        wall = statistics.median(w for w, _ in sample.values())
        cpu = statistics.median(c for _, c in sample.values())
        lines.append(f"  {'sample gallery, median':<34} {wall:>8.2f} {cpu:>8.2f}")
    lines += [
        f"  {f'generated, {n} stages':<34} {w:>8.2f} {c:>8.2f}" for n, (w, c) in generated.items()
    ]
    lines.append(f"  target < {TARGET_MS:.0f} ms (cpu) for {TARGET_STAGES} stages: {verdict}")
    data = {
        "repetitions": repetitions,
        "warm_up": WARM_UP,
        "sample_ms": {k: {"wall": w, "cpu": c} for k, (w, c) in sample.items()},
        "generated_ms": {str(n): {"wall": w, "cpu": c} for n, (w, c) in generated.items()},
        "target": {"stages": TARGET_STAGES, "ms": TARGET_MS, "met": verdict == "met"},
    }
    detail = (
        f"{TARGET_STAGES} stages: {target[1]:.2f} ms cpu, {target[0]:.2f} ms wall"
        if target is not None
        else "not measured"
    )
    return Outcome(
        data=data,
        text="\n".join(lines),
        targets=[Target(TARGETS[1], verdict == "met", f"{detail} (median of {repetitions})")],
    )
