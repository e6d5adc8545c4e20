"""Per-map SVG render time, in process, when the SVG renderer exists.

The renderer is being built alongside this harness, so it is looked up with
``importlib.util.find_spec`` and the bench works with or without it. Rendering runs once per
map page in a build, so its cost per map times the gallery size is a floor on the plugin's
overhead; the target is under 10 ms for a 15-stage map.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from .generate import Text, generate_map, generate_persona
from .registry import Options, Outcome, measurement
from .words import SAMPLE_MAPS, sample_words

MODULE = "journey_maps.svg"
WARM_UP = 5
REPETITIONS = 50
STAGE_COUNTS = (5, 15, 30)
TARGET_STAGES, TARGET_MS = 15, 10.0


def _renderer() -> Callable[..., str] | None:
    try:
        if importlib.util.find_spec(MODULE) is None:
            return None
    except ImportError:  # the parent package itself is missing
        return None
    render = getattr(importlib.import_module(MODULE), "render_map_svg", None)
    return render if callable(render) else None


def median_ms(render: Callable[..., str], journey: Any, persona: Any, repetitions: int) -> float:
    """Median of ``repetitions`` timed renders after a few untimed ones (imports, caches)."""
    for _ in range(WARM_UP):
        render(journey, persona, standalone=True)
    times = []
    for _ in range(repetitions):
        start = time.perf_counter_ns()
        render(journey, persona, standalone=True)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times) / 1e6


def _generated(stages: int, seed: int) -> tuple[Any, Any]:
    from journey_maps.model import JourneyMap, Persona

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


@measurement("svg", "journey_maps.svg.render_map_svg: median ms per map, in process")
def run_svg(options: Options) -> Outcome:
    render = _renderer()
    if render is None:
        return Outcome(data={"available": False}, text="svg: not available")
    from journey_maps.validate import load_gallery

    repetitions = 5 if options.quick else REPETITIONS
    gallery, _ = load_gallery(SAMPLE_MAPS)
    try:
        sample = {
            map_id: median_ms(
                render, journey, gallery.personas.get(journey.persona or ""), repetitions
            )
            for map_id, journey in gallery.maps.items()
        }
        generated = {
            stages: median_ms(render, *_generated(stages, options.seed), repetitions)
            for stages in STAGE_COUNTS
        }
    except Exception as error:  # a renderer still being written must not stop the bench
        message = f"{type(error).__name__}: {error}"
        return Outcome(data={"available": True, "error": message}, text=f"svg: failed ({message})")
    target = generated.get(TARGET_STAGES)
    verdict = "met" if target is not None and target < TARGET_MS else "MISSED"
    lines = [f"svg render, median of {repetitions} after {WARM_UP} warm-up (ms per map)"]
    lines += [f"  {map_id:<34} {ms:>8.2f}" for map_id, ms in sample.items()]
    if sample:
        lines.append(f"  {'sample gallery, median':<34} {statistics.median(sample.values()):>8.2f}")
    lines += [f"  {f'generated, {n} stages':<34} {ms:>8.2f}" for n, ms in generated.items()]
    lines.append(f"  target < {TARGET_MS:.0f} ms for {TARGET_STAGES} stages: {verdict}")
    data = {
        "available": True,
        "repetitions": repetitions,
        "warm_up": WARM_UP,
        "sample_ms": sample,
        "generated_ms": {str(n): ms for n, ms in generated.items()},
        "target": {"stages": TARGET_STAGES, "ms": TARGET_MS, "met": verdict == "met"},
    }
    return Outcome(data=data, text="\n".join(lines))
