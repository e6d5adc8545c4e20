"""Content translations: keys, checking translation files, localizing, completeness, samples."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import textwrap
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from journey_maps.core.errors import Problems, Severity
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, Persona
from journey_maps.i18n.apply import (
    FallbackText,
    completeness,
    coverage,
    fallback_language,
    localize,
)
from journey_maps.i18n.files import SCHEMA_FILE, Entry, Translation, Translations, load_translations
from journey_maps.i18n.keys import Kind, source_hash, text_entries
from journey_maps.i18n.write import translation_schema
from journey_maps.load.folder import load_gallery
from journey_maps.load.yaml import load_file

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "maps"

KETTLE = """\
type: current-state
title: Buying a kettle
summary: A short journey.
persona: kim
stages:
  - id: search
    name: Search
    goal: Find a kettle
    actions:
      - Searches online
      - {id: asks, text: Asks a friend}
    touchpoints:
      - {name: Web shop, channel: online}
    thoughts: ["Which one?"]
    emotion: {score: -1, label: Unsure, quote: "So many kettles."}
    pain_points: [Too many models]
    opportunities: [A short buying guide]
  - id: buy
    name: Buy
    description: Pays and waits.
    loops_back_to:
      - {stage: search, label: Out of stock}
action_plan:
  - {id: guide, text: Write a buying guide, owner: Content, due: 2027-Q1}
metrics:
  - {id: visits, label: Visits, value: "120", note: Per week, source: Web analytics}
sources:
  - title: Five interviews
tags: [b2c]
"""

KETTLE_KEYS = [
    "title",
    "summary",
    "stages.search.name",
    "stages.search.goal",
    "stages.search.actions.searches-online",
    "stages.search.actions.asks",
    "stages.search.touchpoints.web-shop",
    "stages.search.thoughts.which-one",
    "stages.search.emotion.label",
    "stages.search.emotion.quote",
    "stages.search.pain_points.too-many-models",
    "stages.search.opportunities.a-short-buying-guide",
    "stages.buy.name",
    "stages.buy.description",
    "stages.buy.loops_back_to.search.label",
    "action_plan.guide.text",
    "action_plan.guide.owner",
    "metrics.visits.label",
    "metrics.visits.note",
    "metrics.visits.source",
]

DAY = """\
type: day-in-the-life
title: A day with a kettle
slots:
  - {id: morning, time: "07:30", name: Wake up, actions: [Boils water]}
  - {id: evening, time: Evening, thoughts: ["Tea?"]}
"""

EMPATHY = """\
type: empathy
title: Kim about kettles
empathy:
  says: [It is too slow]
  thinks: ["Is it safe?"]
  does: [Boils twice]
  feels: [Impatient]
  goal: Hot water now
  pains: [Waiting]
  gains: [A calm morning]
"""

KIM = """\
name: Kim
age: 40
description: Drinks a lot of tea.
role: Teacher
situation: Busy mornings.
goals: [Tea in two minutes]
frustrations: [Limescale]
motivations: [Calm mornings]
quote: "Just hot water, please."
tags: [tea]
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def gallery_with(root: Path, translations: dict[str, str] | None = None) -> Path:
    files = {
        "kettle.yaml": KETTLE,
        "day.yaml": DAY,
        "empathy.yaml": EMPATHY,
        "personas/kim.yaml": KIM,
    }
    files.update({f"translations/{name}": text for name, text in (translations or {}).items()})
    return write(root, files)


def load(root: Path) -> tuple[Gallery, list[str], Translations]:
    gallery, problems = load_gallery(root, display_base=root)
    assert not problems.items, [p.format() for p in problems.items]
    translations, found = load_translations(root, gallery, display_base=root)
    return gallery, [p.format() for p in found.sorted()], translations


def h(text: str) -> str:
    return source_hash(text)


# --- keys -----------------------------------------------------------------------------------


def test_source_hash_is_eight_hex_chars_of_sha256_of_nfc() -> None:
    assert source_hash("Awareness") == hashlib.sha256(b"Awareness").hexdigest()[:8]
    composed, decomposed = "Teadlikkus é", "Teadlikkus e\u0301"
    assert unicodedata.normalize("NFC", decomposed) == composed
    assert source_hash(composed) == source_hash(decomposed)
    assert len(source_hash("x")) == 8


def test_keys_of_a_journey_map_in_display_order(tmp_path: Path) -> None:
    gallery, _, _ = load(gallery_with(tmp_path))
    entries = text_entries(gallery.maps["kettle"])
    assert list(entries) == KETTLE_KEYS
    assert entries["stages.search.actions.asks"] == "Asks a friend"
    assert entries["stages.buy.loops_back_to.search.label"] == "Out of stock"
    # Ids, tags, URLs, due dates, sources and texts without letters are never keys.
    assert "metrics.visits.value" not in entries
    assert not any("due" in key or "sources" in key or "tags" in key for key in entries)


def test_keys_of_day_empathy_and_persona(tmp_path: Path) -> None:
    gallery, _, _ = load(gallery_with(tmp_path))
    assert list(text_entries(gallery.maps["day"])) == [
        "title",
        "slots.morning.name",
        "slots.morning.actions.boils-water",
        "slots.evening.time",
        "slots.evening.thoughts.tea",
    ]
    assert list(text_entries(gallery.maps["empathy"])) == [
        "title",
        "empathy.says.it-is-too-slow",
        "empathy.thinks.is-it-safe",
        "empathy.does.boils-twice",
        "empathy.feels.impatient",
        "empathy.goal",
        "empathy.pains.waiting",
        "empathy.gains.a-calm-morning",
    ]
    assert list(text_entries(gallery.personas["kim"])) == [
        "name",
        "quote",
        "description",
        "role",
        "situation",
        "goals.tea-in-two-minutes",
        "frustrations.limescale",
        "motivations.calm-mornings",
    ]


def test_keys_are_ids_not_positions(tmp_path: Path) -> None:
    """Reordering stages and items keeps every key, so translations survive it."""
    reordered = KETTLE.replace(
        "      - Searches online\n      - {id: asks, text: Asks a friend}\n",
        "      - {id: asks, text: Asks a friend}\n      - Searches online\n",
    )
    gallery, _, _ = load(gallery_with(tmp_path))
    write(tmp_path, {"kettle.yaml": reordered})
    moved, _, _ = load(tmp_path)
    assert set(text_entries(moved.maps["kettle"])) == set(KETTLE_KEYS)
    assert text_entries(moved.maps["kettle"]) == text_entries(gallery.maps["kettle"])


def test_sample_keys_are_stable() -> None:
    gallery, _ = load_gallery(SAMPLES)
    kadri = list(text_entries(gallery.maps["kadri-packaging-five-steps"]))
    assert kadri[:7] == [
        "title",
        "summary",
        "focus",
        "scenario",
        "stages.search.name",
        "stages.search.description",
        "stages.search.goal",
    ]
    assert "stages.loyalty.loops_back_to.conversion.label" in kadri
    assert "action_plan.micro-business-tier.owner" in kadri
    assert len(kadri) == len(set(kadri)) == 115


# --- checking translation files ---------------------------------------------------------------


def test_valid_translation_has_no_problems(tmp_path: Path) -> None:
    texts = "\n".join(
        f"  {key}: {{text: Übersetzt {i}, source: '{h(text)}'}}"
        for i, (key, text) in enumerate(
            [
                ("title", "Buying a kettle"),
                ("stages.search.name", "Search"),
                ("stages.search.actions.asks", "Asks a friend"),
            ]
        )
    )
    root = gallery_with(
        tmp_path, {"de/kettle.yaml": f"language: de\nmap: kettle\ntexts:\n{texts}\n"}
    )
    _, problems, translations = load(root)
    assert problems == []
    found = translations.for_map("kettle", "de")
    assert found is not None
    assert found.path == "translations/de/kettle.yaml"
    assert found.entries["title"].text == "Übersetzt 0"
    assert found.entries["title"].source == h("Buying a kettle")
    assert translations.languages() == ["de"]
    assert translations.for_map("kettle", "et") is None


def test_entry_problems_point_at_the_exact_place(tmp_path: Path) -> None:
    title, goal, label = h("Buying a kettle"), h("Find a kettle"), h("Unsure")
    text = (
        "language: de\n"
        "map: kettle\n"
        "texts:\n"
        f"  title: {{text: Einen Wasserkocher kaufen, source: {title}}}\n"
        f"  stages.serch.name: {{text: Suche, source: {h('Search')}}}\n"
        "  stages.search.goal: {text: Einen Wasserkocher finden, source: 0abc1234}\n"
        "  summary: Eine kurze Reise.\n"
        f'  stages.buy.name: {{text: "  ", source: {h("Buy")}}}\n'
        f"  stages.buy.description: {{txt: Zahlt, source: {h('Pays and waits.')}}}\n"
        '  metrics.visits.value: {text: "120"}\n'
        "  stages.search.emotion.label: {text: Unsicher, source: xyz}\n"
        "  stages.search.emotion.quote: {text: true}\n"
        "  stages.buy.loops_back_to.search.label:\n"
        "    text: Nicht vorrätig\n"
        "  action_plan.guide.text: [Ratgeber]\n"
    )
    root = gallery_with(tmp_path, {"de/kettle.yaml": text})
    _, problems, translations = load(root)
    path = "translations/de/kettle.yaml"
    assert problems == [
        f"{path}:5:3: warning: unknown key 'stages.serch.name': map 'kettle' has no such text; "
        "did you mean 'stages.search.name'? (an item without 'id:' gets a new id when its text "
        "changes; 'journey-maps i18n init kettle --lang de' adds the current keys)",
        f"{path}:6:65: warning: 'stages.search.goal' is stale: it translates an earlier "
        f"version of the text (source 0abc1234, now {goal}); check it against the current text "
        f"and set 'source: {goal}'",
        f"{path}:7:3: warning: 'summary' has no 'source' hash, so a change of the original "
        f"text would go unnoticed; add 'source: {h('A short journey.')}'",
        f"{path}:8:27: error: this text is empty; write the translation, or leave 'text:' "
        "without a value while it is not translated yet",
        f"{path}:9:28: error: unknown key 'txt' in the entry 'stages.buy.description'; did you "
        "mean 'text'? allowed here: text, source",
        f"{path}:10:3: warning: 'metrics.visits.value': '120' has nothing to translate; "
        "remove this entry",
        f"{path}:11:57: error: 'xyz' is not a source hash (8 characters 0-9 and a-f); the "
        f"current text's hash is {label}",
        f"{path}:12:39: error: expected text, got the boolean true; put it in quotes: 'true'",
        f"{path}:13:3: warning: 'stages.buy.loops_back_to.search.label' has no 'source' hash, "
        "so a change of the original text would go unnoticed; add "
        f"'source: {h('Out of stock')}'",
        f"{path}:15:27: error: expected a translated text, got a list; write 'text:' and "
        "'source:' here",
    ]
    found = translations.for_map("kettle", "de")
    assert found is not None
    # Usable entries are kept, stale or unhashed ones included; broken ones are left out.
    assert set(found.entries) == {
        "title",
        "stages.search.goal",
        "summary",
        "stages.buy.loops_back_to.search.label",
    }
    assert found.entries["summary"] == Entry("Eine kurze Reise.", None, 7, 3)


def test_numbers_are_read_as_written(tmp_path: Path) -> None:
    """A hash of digits only must not lose its leading zero or turn into a float."""
    gallery, _, _ = load(gallery_with(tmp_path))
    title = "Buying a kettle"
    root = gallery_with(
        tmp_path,
        {"de/kettle.yaml": "map: kettle\ntexts:\n  title: {text: Kaufen, source: 01234567}\n"},
    )
    _, problems, translations = load(root)
    assert problems == [
        "translations/de/kettle.yaml:3:33: warning: 'title' is stale: it translates an earlier "
        f"version of the text (source 01234567, now {h(title)}); check it against the current "
        f"text and set 'source: {h(title)}'"
    ]
    found = translations.for_map("kettle", "de")
    assert found is not None and found.entries["title"].source == "01234567"
    assert gallery.maps["kettle"].title == title


def test_file_problems(tmp_path: Path) -> None:
    kettle = h("Buying a kettle")
    root = gallery_with(
        tmp_path,
        {
            "stray.yaml": "map: kettle\n",
            "de/kettel.yaml": "language: de\ntexts: {}\n",
            "de/other.yaml": "language: de\nmap: kettel\n",
            "et/kettle.yaml": "language: de\nmap: kettle\n",
            "en/kettle.yaml": "language: en\nmap: kettle\n",
            "Deutsch/kettle.yaml": "map: kettle\n",
            "lv/personas/kim.yaml": "map: kim\n",
            "lv/personas/kim2.yaml": "persona: kim\nauthor: Ann\ntexte: {}\n",
            "lv/kettle.yaml": f"texts:\n  title: {{text: Tējkanna, source: {kettle}}}\n",
            "lv/kettle-copy.yaml": "map: kettle\n",
            "bg/day.yaml": "map: day\ntexts: [title]\n",
            "af/kettle.yaml": "map: kettle\ntexts:\n  title: {text: Ketel\n",
        },
    )
    _, problems, translations = load(root)
    assert problems == [
        "translations/Deutsch/kettle.yaml:1:1: error: the folder 'Deutsch' is not a language "
        "code; translation files go in translations/<lang>/, such as translations/de/",
        "translations/af/kettle.yaml:4:1: error: YAML syntax error: expected ',' or '}', but "
        "got '<stream end>' (while parsing a flow mapping); check indentation, colons and quotes",
        "translations/bg/day.yaml:2:8: error: 'texts' must be a mapping of keys to "
        "translations (key: ...)",
        "translations/de/kettel.yaml:1:1: error: map 'kettel' does not exist; did you mean "
        "'kettle'? a translation file is named after the map it translates, or says "
        "'map: <id>'; known maps: day, empathy, kettle",
        "translations/de/other.yaml:2:6: error: map 'kettel' does not exist; did you mean "
        "'kettle'? a translation file is named after the map it translates, or says "
        "'map: <id>'; known maps: day, empathy, kettle",
        "translations/en/kettle.yaml:1:11: warning: map 'kettle' is written in en; a "
        "translation into its own language is never used, delete this file",
        "translations/et/kettle.yaml:1:11: error: this file is in the folder 'et' but says "
        "'language: de'; move it to translations/de/ or correct 'language'",
        "translations/lv/kettle.yaml:1:1: error: map 'kettle' already has a translation into "
        "lv in translations/lv/kettle-copy.yaml; merge the two files",
        "translations/lv/personas/kim.yaml:1:1: error: this file is in the folder for persona "
        "translations; a map translation goes in translations/lv/, or write 'persona: <id>'",
        "translations/lv/personas/kim2.yaml:2:1: error: unknown key 'author'; allowed here: "
        "language, persona, texts",
        "translations/lv/personas/kim2.yaml:3:1: error: unknown key 'texte'; did you mean "
        "'texts'? allowed here: language, persona, texts",
        "translations/stray.yaml:1:1: error: translation files go in a folder named after "
        "their language, such as translations/de/stray.yaml; move this file",
    ]
    assert sorted(translations.items) == [
        ("map", "day", "bg"),
        ("map", "kettle", "lv"),
    ]


def test_translations_of_an_invalid_map_are_skipped_quietly(tmp_path: Path) -> None:
    root = gallery_with(tmp_path, {"de/broken.yaml": "map: broken\ntexts: {}\n"})
    write(root, {"broken.yaml": "type: current-state\n"})
    gallery, problems = load_gallery(root, display_base=root)
    assert problems.errors  # the map's own error is reported by the gallery...
    _, found = load_translations(root, gallery, display_base=root)
    assert not found.items  # ...and not repeated for its translation


def test_severities(tmp_path: Path) -> None:
    root = gallery_with(
        tmp_path,
        {"de/kettle.yaml": "map: kettle\ntexts:\n  title: {text: Kaufen, source: 00000000}\n"},
    )
    gallery, _ = load_gallery(root)
    _, problems = load_translations(root, gallery)
    assert [p.severity for p in problems.items] == [Severity.WARNING]
    assert not problems.errors


# --- localizing ---------------------------------------------------------------------------------


def _translation(entries: dict[str, Entry]) -> Translation:
    return Translation("map", "kettle", "de", "translations/de/kettle.yaml", entries)


def test_localize_applies_texts_and_marks_fallbacks(tmp_path: Path) -> None:
    gallery, _, _ = load(gallery_with(tmp_path))
    kettle = gallery.maps["kettle"]
    before = kettle.model_dump()
    translation = _translation(
        {
            "title": Entry("Einen Wasserkocher kaufen", h("Buying a kettle")),
            "stages.search.name": Entry("Suche", "0abc1234"),  # stale: used, and counted
            "stages.search.actions.asks": Entry("Fragt eine Freundin", h("Asks a friend")),
            "stages.buy.name": Entry(None, h("Buy")),  # placeholder: not translated yet
            "metrics.visits.label": Entry("Besuche", None),  # no hash: unverified
        }
    )
    result = localize(kettle, translation, "de")
    journey = result.localized
    assert kettle.model_dump() == before  # the original is untouched
    assert journey.language == "de"
    assert journey.title == "Einen Wasserkocher kaufen"
    assert type(journey.title) is str
    stages = journey.stages or []
    assert stages[0].name == "Suche" and not isinstance(stages[0].name, FallbackText)
    assert stages[0].actions[1].text == "Fragt eine Freundin"
    fallback = stages[0].actions[0].text
    assert isinstance(fallback, FallbackText)
    assert fallback == "Searches online" and fallback.lang == "en"
    assert fallback_language(fallback) == "en"
    assert fallback_language(journey.title) is None
    assert isinstance(stages[1].name, FallbackText)
    assert isinstance(stages[1].loops_back_to[0].label, FallbackText)
    assert journey.metrics[0].value == "120" and not isinstance(
        journey.metrics[0].value, FallbackText
    )
    assert journey.action_plan[0].due == "2027-Q1"
    assert result.stale == ("stages.search.name", "metrics.visits.label")
    assert result.translated == (
        "title",
        "stages.search.name",
        "stages.search.actions.asks",
        "metrics.visits.label",
    )
    assert len(result.missing) == len(KETTLE_KEYS) - 4
    assert "stages.buy.name" in result.missing
    assert result.completeness == pytest.approx(4 / 20)
    assert completeness(kettle, translation) == pytest.approx(0.2)
    assert result.source_language == "en" and result.language == "de"


def test_fallback_text_survives_copies_and_pickling() -> None:
    text = FallbackText("Search", "en")
    for clone in (copy.copy(text), copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert isinstance(clone, FallbackText)
        assert clone == "Search" and clone.lang == "en"
    assert repr(text) == "FallbackText('Search', lang='en')"
    assert json.dumps({"x": text}) == '{"x": "Search"}'
    assert type(text.upper()) is str  # operations return plain text: check before changing


def test_localized_model_still_serializes(tmp_path: Path) -> None:
    gallery, _, _ = load(gallery_with(tmp_path))
    journey = localize(gallery.maps["kettle"], None, "de").localized
    dumped = journey.model_dump(mode="json")
    assert dumped["title"] == "Buying a kettle"
    assert JourneyMap.model_validate_json(journey.model_dump_json()).title == "Buying a kettle"
    again = journey.model_copy(deep=True)
    assert isinstance(again.title, FallbackText)


def test_source_language_is_complete_and_untouched(tmp_path: Path) -> None:
    gallery, _, _ = load(gallery_with(tmp_path))
    kim = gallery.personas["kim"]
    result = localize(kim, None, "en")
    assert result.completeness == 1.0 and not result.missing
    assert not isinstance(result.localized.name, FallbackText)
    assert result.localized.language == "en"
    assert completeness(kim, None, "en") == 1.0
    assert completeness(kim, None, "de") == 0.0
    untranslated = localize(kim, None, "de").localized
    assert isinstance(untranslated.quote, FallbackText)
    assert untranslated.age == 40 and untranslated.tags == ["tea"]


def test_localize_refuses_a_translation_of_something_else(tmp_path: Path) -> None:
    gallery, _, _ = load(gallery_with(tmp_path))
    with pytest.raises(ValueError, match="not map 'day' into de"):
        localize(gallery.maps["day"], _translation({}), "de")
    with pytest.raises(ValueError, match="into de"):
        localize(gallery.maps["kettle"], _translation({}), "et")


def test_coverage_from_a_loaded_file(tmp_path: Path) -> None:
    root = gallery_with(
        tmp_path,
        {
            "de/personas/kim.yaml": (
                "texts:\n"
                f"  name: {{text: Kim, source: {h('Kim')}}}\n"
                f"  role: {{text: Lehrerin, source: {h('A teacher')}}}\n"
                "  quote:\n"
                "    text:\n"
                f"    source: {h('Just hot water, please.')}\n"
            )
        },
    )
    gallery, _, translations = load(root)
    kim = gallery.personas["kim"]
    found = translations.for_persona("kim", "de")
    stats = coverage(kim, found)
    assert stats.language == "de"
    assert stats.translated == ("name", "role")
    assert stats.stale == ("role",)
    assert stats.missing[0] == "quote"
    assert stats.completeness == pytest.approx(2 / 8)


# --- the samples ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples() -> tuple[Gallery, Translations]:
    gallery, problems = load_gallery(SAMPLES, display_base=REPO)
    assert not problems.items, [p.format() for p in problems.items]
    translations, found = load_translations(SAMPLES, gallery, display_base=REPO)
    assert [p.format() for p in found.items] == []  # no errors and no warnings: hashes current
    return gallery, translations


FULLY_TRANSLATED: dict[tuple[Kind, str], set[str]] = {
    ("map", "kadri-packaging-five-steps"): {"et", "bg", "de"},
    ("persona", "loyal-kadri"): {"et", "bg", "de"},
    ("map", "colleen-vacuum-current"): {"af", "de", "lv"},
    ("persona", "curious-colleen"): {"af", "de", "lv"},
}


def test_samples_are_fully_translated_as_claimed(samples: tuple[Gallery, Translations]) -> None:
    gallery, translations = samples
    for (kind, item_id), languages in FULLY_TRANSLATED.items():
        obj: JourneyMap | Persona = (gallery.maps if kind == "map" else gallery.personas)[item_id]
        assert set(translations.languages_of(kind, item_id)) == languages
        for lang in languages:
            found = translations.get(kind, item_id, lang)
            stats = coverage(obj, found)
            assert stats.completeness == 1.0, (item_id, lang, stats.missing)
            assert stats.stale == ()
            assert localize(obj, found, lang).localized.language == lang


def test_sample_partly_translated_shows_fallbacks(samples: tuple[Gallery, Translations]) -> None:
    gallery, translations = samples
    petra = gallery.maps["petra-scheduling-software"]
    found = translations.for_map("petra-scheduling-software", "bg")
    result = localize(petra, found, "bg")
    assert 0.4 < result.completeness < 0.6
    assert result.completeness == pytest.approx(86 / 160)
    stages = result.localized.stages or []
    assert [s.name for s in stages][:2] == ["Оценка на нуждите", "Проучване на доставчици"]
    assert all(not isinstance(s.name, FallbackText) for s in stages)
    late = stages[-1]
    assert isinstance(late.description, FallbackText) and late.description.lang == "en"
    assert isinstance(result.localized.action_plan[0].text, FallbackText)


def test_samples_use_the_seed_wording(samples: tuple[Gallery, Translations]) -> None:
    gallery, translations = samples
    kadri = gallery.maps["kadri-packaging-five-steps"]

    def names(lang: str) -> list[str]:
        found = translations.for_map(kadri.id, lang)
        return [s.name for s in localize(kadri, found, lang).localized.stages or []]

    assert names("et") == ["Otsing", "Pakkumine", "Konversioon", "Kasutamine", "Lojaalsus"]
    assert names("bg") == ["Изследване", "Предложение", "Конверсия", "Използване", "Лоялност"]
    colleen = gallery.personas["curious-colleen"]
    af = translations.for_persona("curious-colleen", "af")
    assert localize(colleen, af, "af").localized.name == "Nuuskierige Colleen"


def test_sample_files_match_the_schema(samples: tuple[Gallery, Translations]) -> None:
    schema_path = SAMPLES / "translations" / SCHEMA_FILE
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema == translation_schema()
    files = sorted((SAMPLES / "translations").rglob("*.yaml"))
    assert len(files) == 13
    for path in files:
        doc = load_file(path, str(path), Problems())
        assert doc is not None
        jsonschema.validate(doc.data, schema)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        relative = "../" * (len(path.relative_to(SAMPLES / "translations").parts) - 1)
        assert first == f"# yaml-language-server: $schema={relative}{SCHEMA_FILE}"
