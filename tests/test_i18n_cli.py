"""``journey-maps i18n status`` and ``init``: numbers, files that validate as written, exits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journey_maps.cli import main
from journey_maps.core.gallery import Gallery
from journey_maps.i18n.apply import coverage
from journey_maps.i18n.files import Translations, load_translations
from journey_maps.i18n.keys import source_hash, text_entries
from journey_maps.load.folder import load_gallery

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def gallery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample gallery, with the current folder set to the project."""
    shutil.copytree(REPO / "maps", tmp_path / "maps")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "maps"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["i18n", *args])
    out, err = capsys.readouterr()
    return code, out, err


def table(out: str) -> dict[tuple[str, str, str], tuple[str, int, int]]:
    """``status`` output as {(kind, id, lang): (percent, missing, stale)}."""
    rows = {}
    for line in out.splitlines()[1:]:
        if line.startswith("    "):
            continue
        kind, item_id, lang, done, missing, stale = line.split()
        rows[(kind, item_id, lang)] = (done, int(missing), int(stale))
    return rows


def check(maps: Path) -> tuple[list[str], Translations, Gallery]:
    relative = maps.relative_to(Path.cwd())  # paths in messages as the CLI shows them
    found, problems = load_gallery(relative)
    assert not problems.items
    translations, problems = load_translations(relative, found)
    return [p.format() for p in problems.sorted()], translations, found


# --- status -----------------------------------------------------------------------------------


def test_status_of_the_samples(gallery: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "maps")
    assert code == 0
    assert out.splitlines()[0].split() == ["KIND", "ID", "LANG", "DONE", "MISSING", "STALE"]
    rows = table(out)
    assert rows[("map", "kadri-packaging-five-steps", "et")] == ("100%", 0, 0)
    assert rows[("map", "colleen-vacuum-current", "af")] == ("100%", 0, 0)
    assert rows[("persona", "curious-colleen", "lv")] == ("100%", 0, 0)
    assert rows[("map", "petra-scheduling-software", "bg")] == ("53%", 74, 0)
    assert rows[("map", "jana-day-in-the-life", "de")] == ("0%", 115, 0)
    # Every map and persona in every language but its own (en), personas first.
    assert len(rows) == 12 * 5
    assert {lang for _, _, lang in rows} == {"af", "bg", "de", "et", "lv"}
    assert next(iter(rows))[0] == "persona"
    assert err.strip() == "13 translation file(s); 0 error(s), 0 warning(s), 0 stale text(s)"


def test_status_for_one_language_lists_keys(
    gallery: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", "maps", "--lang", "bg", "--verbose")
    assert code == 0
    rows = table(out)
    assert {lang for _, _, lang in rows} == {"bg"}
    block = out.split("petra-scheduling-software")[1].split("\nmap ")[0]
    missing = [line.split()[1] for line in block.splitlines() if line.startswith("    missing")]
    assert len(missing) == 74
    assert missing[0] == "stages.onboarding.description"
    assert "action_plan.public-pricing.text" in missing


def test_status_counts_stale_texts_and_fails_when_strict(
    gallery: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = gallery
    kadri = maps / "kadri-packaging-five-steps.yaml"
    kadri.write_text(
        kadri.read_text(encoding="utf-8").replace("    name: Search\n", "    name: Searching\n"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "status", "--lang", "et", "--lang", "de")
    assert code == 0  # stale translations are shown; only --strict fails on them
    rows = table(out)
    assert rows[("map", "kadri-packaging-five-steps", "et")] == ("100%", 0, 1)
    assert rows[("map", "kadri-packaging-five-steps", "de")] == ("100%", 0, 1)
    new = source_hash("Searching")
    assert (
        "maps/translations/et/kadri-packaging-five-steps.yaml:34:13: warning: "
        "'stages.search.name' is stale: it translates an earlier version of the text (source "
        f"{source_hash('Search')}, now {new}); check it against the current text and set "
        f"'source: {new}'"
    ) in err.splitlines()
    assert err.splitlines()[-1].endswith("0 error(s), 2 warning(s), 2 stale text(s)")
    assert not any("translations/bg/" in line for line in err.splitlines())
    code, _, err = run(capsys, "status", "--lang", "et", "--strict")
    assert code == 1
    assert err.splitlines()[-1].endswith("0 error(s), 1 warning(s), 1 stale text(s)")


def test_status_fails_on_errors_and_usage(
    gallery: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (gallery / "translations" / "de" / "nope.yaml").write_text("texts: {}\n", encoding="utf-8")
    code, _, err = run(capsys, "status")
    assert code == 1
    assert err.startswith("maps/translations/de/nope.yaml:1:1: error: map 'nope' does not exist")
    assert run(capsys, "status", "--lang", "Deutsch")[0] == 2
    assert run(capsys, "status", "missing-folder")[0] == 2


# --- init ---------------------------------------------------------------------------------------


def test_init_writes_a_file_that_validates_as_written(
    gallery: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", "jana-day-in-the-life", "--lang", "et")
    assert code == 0
    output = gallery / "translations" / "et" / "jana-day-in-the-life.yaml"
    assert err.strip() == f"{output.relative_to(gallery.parent)}: 115 of 115 texts to translate"
    text = output.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../translation.schema.json"
    assert "language: et" in lines and "map: jana-day-in-the-life" in lines
    title = lines.index("  title:")
    assert lines[title - 1] == "  # en: A weekday in Jana's life, and where a sleep aid fits in"
    source = "A weekday in Jana's life, and where a sleep aid fits in"
    assert lines[title + 1 : title + 3] == ["    text:", f"    source: {source_hash(source)}"]
    problems, translations, found = check(gallery)
    assert problems == []
    jana = found.maps["jana-day-in-the-life"]
    written = translations.for_map("jana-day-in-the-life", "et")
    assert written is not None
    assert list(written.entries) == list(text_entries(jana))
    assert coverage(jana, written).completeness == 0.0
    assert max(len(line) for line in lines if line.lstrip().startswith("#")) <= 100


def test_filled_in_init_file_counts(gallery: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys, "init", "maps/personas/juggling-jana.yaml", "--lang", "de", "--maps-dir", "x"
    )
    assert code == 0
    output = gallery / "translations" / "de" / "personas" / "juggling-jana.yaml"
    text = output.read_text(encoding="utf-8")
    text = text.replace("  name:\n    text:\n", "  name:\n    text: Jonglierende Jana\n", 1)
    output.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "status", "--lang", "de")
    assert code == 0
    assert table(out)[("persona", "juggling-jana", "de")] == ("6%", 14, 0)


def test_init_adds_only_missing_entries_to_an_existing_file(
    gallery: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = gallery / "translations" / "bg" / "petra-scheduling-software.yaml"
    before = output.read_text(encoding="utf-8")
    code, _, err = run(capsys, "init", "petra-scheduling-software", "--lang", "bg")
    assert code == 0
    assert "every text has an entry already; nothing to add" in err
    assert output.read_text(encoding="utf-8") == before
    # A new action in the map: init appends its entry and leaves the rest byte for byte.
    petra = gallery / "petra-scheduling-software.yaml"
    petra.write_text(
        petra.read_text(encoding="utf-8").replace(
            "      - Calls two references herself\n",
            "      - Calls two references herself\n      - Visits a reference customer\n",
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "init", "maps/petra-scheduling-software.yaml", "--lang", "bg")
    assert code == 0
    assert err.strip().endswith("added 1 entry to translate")
    after = output.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == (
        "  # Added by 'journey-maps i18n init': texts new since.\n"
        "  # en: Visits a reference customer\n"
        "  stages.evaluation.actions.visits-a-reference-customer:\n"
        "    text:\n"
        f"    source: {source_hash('Visits a reference customer')}\n"
    )
    assert check(gallery)[0] == []


def test_init_force_rewrites_in_order_keeping_translations(
    gallery: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = gallery / "translations" / "bg" / "petra-scheduling-software.yaml"
    with output.open("a", encoding="utf-8") as handle:
        handle.write("  stages.gone.name: {text: Изчезнал, source: 0abc1234}\n")
    code, _, err = run(capsys, "init", "petra-scheduling-software", "--lang", "bg", "--force")
    assert code == 0
    assert err.strip().endswith(
        "74 of 160 texts to translate, 86 translations kept, 1 entry with unknown keys kept at "
        "the end"
    )
    text = output.read_text(encoding="utf-8")
    assert text.index("  title:") < text.index("  stages.gone.name:")
    assert "    text: Петра купува софтуер за планиране на смени за два склада\n" in text
    problems, translations, _ = check(gallery)
    assert problems == [
        "maps/translations/bg/petra-scheduling-software.yaml:"
        f"{text.splitlines().index('  stages.gone.name:') + 1}:3: warning: unknown key "
        "'stages.gone.name': map 'petra-scheduling-software' has no such text; did you mean "
        "'stages.usage.name'? (an item without 'id:' gets a new id when its text changes; "
        "'journey-maps i18n init petra-scheduling-software --lang bg' adds the current keys)"
    ]
    rewritten = translations.for_map("petra-scheduling-software", "bg")
    assert rewritten is not None and len(rewritten.entries) == 160


def test_init_to_stdout_and_custom_output(
    gallery: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "init", "curious-colleen", "--lang", "et", "-o", "-")
    assert code == 0
    assert out.startswith("# Estonian (et) translation of persona 'curious-colleen'")
    assert "persona: curious-colleen\n" in out
    target = tmp_path / "elsewhere" / "colleen.yaml"
    assert run(capsys, "init", "curious-colleen", "--lang", "et", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").count("    text:\n") == 17


def test_init_errors(gallery: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "init", "no-such-map", "--lang", "de")
    assert code == 2
    assert "no map or persona 'no-such-map' in maps; known: colleen-vacuum-current" in err
    code, _, err = run(capsys, "init", "loyal-kadri", "--lang", "en")
    assert code == 2
    assert err.strip() == (
        "journey-maps: error: persona 'loyal-kadri' is written in en; choose another --lang"
    )
    assert run(capsys, "init", "loyal-kadri", "--lang", "EN_us")[0] == 2
    assert run(capsys, "init", "maps/missing.yaml", "--lang", "de")[0] == 2
    broken = gallery / "translations" / "de" / "personas" / "loyal-kadri.yaml"
    broken.write_text("language: de\npersona: loyal-kadri\ntexts: [oops\n", encoding="utf-8")
    code, _, err = run(capsys, "init", "loyal-kadri", "--lang", "de")
    assert code == 1
    assert err.startswith("maps/translations/de/personas/loyal-kadri.yaml:")
    (gallery / "jana-day-in-the-life.yaml").write_text("type: nonsense\n", encoding="utf-8")
    code, _, err = run(capsys, "init", "jana-day-in-the-life", "--lang", "de")
    assert code == 1
    assert "'jana-day-in-the-life' has errors; fix them first" in err
