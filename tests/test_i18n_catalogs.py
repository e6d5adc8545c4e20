"""Interface translations: complete catalogs, consistent placeholders, runtime fallbacks.

The catalogs are generated from the ``Labels`` dataclasses, so these tests also catch a
default string changed without regenerating them (``python -m journey_maps.cli.extract_messages``).
"""

from __future__ import annotations

import dataclasses
import gettext
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from journey_maps.cli import extract_messages as extract
from journey_maps.core.model import ChannelKind, MapType, PlanStatus
from journey_maps.i18n import catalogs
from journey_maps.i18n.catalogs import LOCALE_DIR, available_languages, localize_labels, translator
from journey_maps.layout.labels import Labels as DiagramLabels
from journey_maps.site.html.labels import Labels as PageLabels

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ["de", "et", "bg", "af", "lv"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def read_catalog(lang: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    with extract.po_path(lang, locale_dir).open("rb") as handle:
        return read_po(handle, locale=lang)


def messages(catalog: Catalog) -> list[tuple[str, str]]:
    return [(str(m.id), str(m.string)) for m in catalog if m.id]


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> None:
    catalogs.clear_cache()


# --- the catalogs ---------------------------------------------------------------------------


def test_every_language_has_a_catalog() -> None:
    assert available_languages() == ["en", "af", "bg", "de", "et", "lv"]
    for lang in LANGUAGES:
        assert extract.po_path(lang).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(lang: str) -> None:
    catalog = read_catalog(lang)
    assert catalog.locale is not None and str(catalog.locale) == lang
    expected = set(extract.collect_messages())
    found = {m.id for m in catalog if m.id}
    assert found == expected
    for message in catalog:
        if not message.id:
            continue
        assert message.string, f"{lang}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{lang}: {message.id!r} is fuzzy"
        assert str(message.string) == str(message.string).strip(), f"{lang}: {message.id!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept_in_translations(lang: str) -> None:
    for msgid, msgstr in messages(read_catalog(lang)):
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), (
            f"{lang}: {msgid!r} -> {msgstr!r}"
        )
        # A stray brace would leave "{" on the page or break the placeholder filler.
        assert msgstr.count("{") == msgid.count("{")
        assert msgstr.count("}") == msgid.count("}")


def test_translations_use_each_languages_own_script() -> None:
    cyrillic = re.compile(r"[\u0400-\u04ff]")
    for msgid, msgstr in messages(read_catalog("bg")):
        text = PLACEHOLDER.sub("", msgstr)
        if re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", msgid)) and msgstr not in ("PDF",):
            assert cyrillic.search(text) or "PDF" in text, f"bg: {msgstr!r} is not Cyrillic"
    latvian = "".join(s for _, s in messages(read_catalog("lv")))
    assert set("āēģīķļņšū") <= set(latvian.lower())
    assert "Sapju" not in latvian and "Iespejas" not in latvian
    estonian = "".join(s for _, s in messages(read_catalog("et")))
    assert set("õäöü") <= set(estonian.lower())


def test_seed_vocabulary_is_used() -> None:
    """The seed articles' own words for the domain, not generic machine wording."""
    expected = {
        "af": {
            "Touchpoints": "Raakpunte",
            "Pain points": "Pynpunte",
            "Opportunities": "Geleenthede",
            "Action plan": "Aksieplan",
            "Current state": "Huidige toestand",
            "Future state": "Toekomstige toestand",
            "Empathy map": "Empatiekaart",
            "Journey maps": "Klantreiskaarte",
        },
        "lv": {
            "Touchpoints": "Saskarsmes punkti",
            "Pain points": "Sāpju punkti",
            "Opportunities": "Uzlabošanas iespējas",
            "Journey maps": "Klientu ceļojuma kartes",
        },
        "et": {"Touchpoints": "Puutepunktid", "Journey maps": "Klienditeekonna kaardid"},
        "bg": {"Journey maps": "Карти на пътя на клиента", "Personas": "Персони"},
    }
    for lang, pairs in expected.items():
        table = dict(messages(read_catalog(lang)))
        for msgid, msgstr in pairs.items():
            assert table[msgid] == msgstr


def test_extra_messages_cover_the_template_and_translation_pages() -> None:
    for text in (
        "Download",
        "Blank templates",
        "Paper size",
        "Languages",
        "Fully translated",
        "Partly translated",
        "Not yet translated",
        "{share} translated",
        "Translation completeness",
        "All maps",
        "Filter",
        "Pain points registry",
        "Opportunities",
        "Action plan board",
        "Compare with current state",
        "Search",
    ):
        assert text in extract.EXTRA_MESSAGES
        assert translator("de")(text) != text or text == "Filter"


def test_template_is_up_to_date_with_the_dataclasses(tmp_path: Path) -> None:
    """Regenerating into a copy changes nothing: the committed files are current."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    assert extract.update_catalogs(copy) == []
    assert extract.main(["--check"]) == 0
    template = read_po((copy / "journey_maps.pot").open("rb"))
    assert [m.id for m in template if m.id] == list(extract.collect_messages())


def test_every_label_default_is_a_message() -> None:
    ids = set(extract.collect_messages())
    for labels in (PageLabels(), DiagramLabels()):
        for item in dataclasses.fields(labels):
            value = getattr(labels, item.name)
            values = value.values() if isinstance(value, dict) else [value]
            for text in values:
                if item.name in catalogs.LANGUAGE_FIELDS or not isinstance(text, str):
                    continue
                if catalogs.is_message(text):
                    assert text in ids, f"{type(labels).__module__}.{item.name}"
    assert "—" not in ids and "en" not in ids


def test_extract_notices_a_changed_default_and_keeps_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    monkeypatch.setattr(extract, "EXTRA_MESSAGES", [*extract.EXTRA_MESSAGES, "Brand new"])
    assert extract.main(["--check", "--locale-dir", str(copy)]) == 1
    changed = extract.update_catalogs(copy)
    assert copy / "journey_maps.pot" in changed
    assert extract.po_path("de", copy) in changed
    german = dict(messages(read_catalog("de", copy)))
    assert german["Brand new"] == ""
    assert german["Pain points"] == "Schmerzpunkte"
    fresh = next(m for m in read_catalog("de", copy) if m.id == "Brand new")
    assert not fresh.fuzzy
    assert extract.update_catalogs(copy) == []


def test_extract_starts_a_catalog_for_a_new_language(tmp_path: Path) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    changed = extract.update_catalogs(copy, languages=["fi"])
    assert changed == [extract.po_path("fi", copy)]
    finnish = read_catalog("fi", copy)
    assert str(finnish.locale) == "fi"
    assert all(not m.string for m in finnish if m.id)


# --- runtime ---------------------------------------------------------------------------------


def test_translator_translates_and_falls_back_to_english() -> None:
    assert translator("et")("Pain points") == "Valupunktid"
    assert translator("bg")("Touchpoints") == "Точки на контакт"
    assert translator("de-AT")("Touchpoints") == "Kontaktpunkte"  # region falls back to de
    assert translator("lv")("not a message id") == "not a message id"
    for unknown in ("fi", "xx-YY", "", "en", "../../etc"):
        assert translator(unknown)("Pain points") == "Pain points"


def test_localize_labels_translates_strings_and_dict_values() -> None:
    labels = localize_labels(PageLabels(), "bg")
    assert labels.language == "bg"
    assert labels.stages == "Фази"
    assert labels.stage_count == "{n} фази"
    assert labels.type_names[MapType.EMPATHY] == "Карта на емпатията"
    assert labels.channels[ChannelKind.PERSON] == "лично"
    assert labels.statuses[PlanStatus.IN_PROGRESS] == "В процес"
    assert labels.emotions[-2] == "много негативно"
    assert labels.lanes["pain_points"] == "Болезнени точки"
    assert labels.none == "—"
    assert set(labels.type_names) == set(MapType)
    # The defaults are untouched (frozen dataclasses, new dicts).
    assert PageLabels().stages == "Stages"
    diagram = localize_labels(DiagramLabels(), "lv")
    assert diagram.pain_points == "Sāpju punkti"
    assert diagram.loops_back_to == "atgriežas posmā „{stage}”"


def test_localize_labels_keeps_site_specific_strings_and_english() -> None:
    custom = PageLabels(language="en", gallery="Our customers")
    assert localize_labels(custom, "de").gallery == "Our customers"
    assert localize_labels(custom, "de").personas == "Personas"
    assert localize_labels(PageLabels(), "en") == PageLabels()
    assert localize_labels(PageLabels(), "fi").stages == "Stages"
    assert localize_labels(PageLabels(), "fi").language == "fi"


def _compiled_locale(tmp_path: Path, msgstr: str) -> Path:
    """A locale folder with a German .po and a .mo that disagree, to see which is read."""
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(extract.po_path("de"), folder / "journey_maps.po")
    catalog = Catalog(locale="de")
    catalog.add("Pain points", msgstr)
    with (folder / "journey_maps.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return tmp_path / "locale"


def test_compiled_catalog_is_used_when_current(tmp_path: Path) -> None:
    locale = _compiled_locale(tmp_path, "Aus der MO-Datei")
    po = locale / "de" / "LC_MESSAGES" / "journey_maps.po"
    mo = po.with_suffix(".mo")
    os.utime(po, (1_000_000, 1_000_000))
    assert translator("de", locale_dir=locale)("Pain points") == "Aus der MO-Datei"
    assert isinstance(catalogs._translations("de", locale), gettext.GNUTranslations)
    # A .po edited after compiling wins (a translator working in a checkout).
    catalogs.clear_cache()
    os.utime(mo, (1_000_000, 1_000_000))
    os.utime(po, (2_000_000, 2_000_000))
    assert translator("de", locale_dir=locale)("Pain points") == "Schmerzpunkte"


def test_compiled_catalog_works_without_babel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale = _compiled_locale(tmp_path, "Aus der MO-Datei")
    po = locale / "de" / "LC_MESSAGES" / "journey_maps.po"
    os.utime(po.with_suffix(".mo"), (1_000_000, 1_000_000))
    monkeypatch.setitem(sys.modules, "babel.messages.pofile", None)
    assert translator("de", locale_dir=locale)("Pain points") == "Aus der MO-Datei"


def test_build_hook_compiles_every_catalog_into_the_wheel(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    try:
        import hatch_build
    finally:
        sys.path.remove(str(REPO))
    unused: Any = None  # the hook reads only root and target_name
    hook = hatch_build.CatalogBuildHook(str(REPO), {}, unused, unused, str(tmp_path), "wheel")
    build_data: dict[str, dict[str, str]] = {"force_include": {}}
    hook.initialize("standard", build_data)
    try:
        included = build_data["force_include"]
        assert sorted(included.values()) == [
            f"journey_maps/i18n/locale/{lang}/LC_MESSAGES/journey_maps.mo"
            for lang in sorted(LANGUAGES)
        ]
        for source, target in included.items():
            with Path(source).open("rb") as handle:
                compiled = gettext.GNUTranslations(handle)
            if "/lv/" in target:
                assert compiled.gettext("Pain points") == "Sāpju punkti"
            assert compiled.gettext("{n} maps") != "{n} maps"
    finally:
        hook.finalize("standard", build_data, str(tmp_path))
    assert not any(Path(source).exists() for source in included)
    editable: dict[str, dict[str, str]] = {"force_include": {}}
    hook.initialize("editable", editable)
    assert editable["force_include"] == {}
