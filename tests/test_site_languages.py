"""One build, six language trees: localized pages, honest fallbacks, switching, catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Site, make_site

LANGUAGES = ["en", "de", "et", "bg", "af", "lv"]


def _catalog(site: Site) -> dict:  # type: ignore[type-arg]
    return json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))


def test_every_map_has_a_page_in_every_language(sample_site: Site) -> None:
    catalog = _catalog(sample_site)
    assert catalog["languages"] == LANGUAGES
    for entry in catalog["maps"]:
        for lang in LANGUAGES:
            url = entry["url"][lang]
            assert url == ("" if lang == "en" else f"{lang}/") + f"maps/{entry['id']}/"
            html = sample_site.page(url)
            assert f'<html lang="{lang}"' in html


def test_translated_pages_use_the_seed_wording_and_localized_ui(sample_site: Site) -> None:
    et = sample_site.page("et/maps/kadri-packaging-five-steps/")
    for stage in ("Otsing", "Pakkumine", "Konversioon", "Kasutamine", "Lojaalsus"):
        assert stage in et
    bg = sample_site.page("bg/maps/kadri-packaging-five-steps/")
    for stage in ("Изследване", "Предложение", "Конверсия", "Използване", "Лоялност"):
        assert stage in bg
    assert "Текущо състояние" in bg  # the map type, from the Bulgarian UI catalog
    assert "jm-untranslated" not in bg  # fully translated: nothing marked


def test_untranslated_text_is_marked_with_its_language(sample_site: Site) -> None:
    html = sample_site.page("bg/maps/petra-scheduling-software/")
    marked = re.findall(r'<span class="jm-untranslated" lang="en">([^<]+)</span>', html)
    assert len(marked) > 10
    assert 'class="jm-untranslated-note"' in html
    # the diagram is drawn in Bulgarian too, from the same localized map
    start = html.index("<svg", html.index('class="jm-diagram"'))
    svg = html[start : html.index("</svg>", start)]
    assert "Действия" in svg
    # untranslated texts in the drawing say their language, like the table's
    assert re.search(r'<text [^>]*lang="en"', svg)


def test_completeness_on_the_page_matches_the_catalog(sample_site: Site) -> None:
    catalog = _catalog(sample_site)
    for entry in catalog["maps"]:
        html = sample_site.page(entry["url"]["en"])
        for lang, share in entry["translated"].items():
            shown = re.search(rf'data-language="{lang}" data-share="([0-9.]+)"', html)
            assert shown, (entry["id"], lang)
            assert abs(float(shown.group(1)) - share) < 0.006
    petra = next(m for m in catalog["maps"] if m["id"] == "petra-scheduling-software")
    assert 0.0 < petra["translated"]["bg"] < 1.0
    kadri = next(m for m in catalog["maps"] if m["id"] == "kadri-packaging-five-steps")
    assert kadri["translated"]["et"] == kadri["translated"]["bg"] == 1.0


def test_language_selector_goes_to_the_same_page(sample_site: Site) -> None:
    html = sample_site.page("de/maps/colleen-vacuum-current/")
    alternates = dict(
        re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([a-z]+)">', html)
    )
    assert set(alternates.values()) == set(LANGUAGES)
    by_lang = {lang: href for href, lang in alternates.items()}
    assert by_lang["bg"] == "../../../bg/maps/colleen-vacuum-current/"
    assert by_lang["en"] == "../../../maps/colleen-vacuum-current/"
    selector = html[html.index('class="md-select__list"') :]
    assert 'href="../../../lv/maps/colleen-vacuum-current/" hreflang="lv"' in selector


def test_every_alternate_of_every_page_answers_the_selectors_sitemap_request(
    sample_site: Site,
) -> None:
    # material's selector fetches sitemap.xml below each <link rel="alternate">; a missing one
    # is a 404 in the console of every page that has that alternate (MkDocs' default exclusions
    # once silently dropped templates/sitemap.xml).
    missing = []
    for page in sorted(sample_site.site_dir.rglob("index.html")):
        html = page.read_text("utf-8")
        for href in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang=', html):
            target = (page.parent / href).resolve() / "sitemap.xml"
            if not target.is_file():
                missing.append(f"{page.relative_to(sample_site.site_dir)} -> {href}")
    assert missing == []


def test_gallery_per_language_lists_what_is_available(sample_site: Site) -> None:
    catalog = _catalog(sample_site)
    et = sample_site.page("et/maps/")
    cards, _, rest = et.partition('id="not-translated"')
    for entry in catalog["maps"]:
        card = f'class="jm-card" data-map-id="{entry["id"]}"'
        if entry["translated"]["et"] > 0:
            assert card in cards, entry["id"]
        else:
            assert card not in cards and f'data-map-id="{entry["id"]}"' in rest, entry["id"]


def test_languages_page_counts_full_and_partial_translations(sample_site: Site) -> None:
    catalog = _catalog(sample_site)
    html = sample_site.page("languages/")
    for lang in LANGUAGES:
        shares = [m["translated"][lang] for m in catalog["maps"]]
        row = re.search(rf'<tr data-language="{lang}">(.*?)</tr>', html, re.DOTALL)
        assert row, lang
        counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', row.group(1)))
        assert int(counts["full"]) == sum(1 for s in shares if s >= 1.0)
        assert int(counts["partial"]) == sum(1 for s in shares if 0 < s < 1.0)


def test_other_language_trees_have_their_own_navigation(sample_site: Site) -> None:
    html = sample_site.page("lv/maps/")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    assert 'href="../../lv/personas/"' in nav or 'href="../personas/"' in nav
    assert "guide/getting-started" not in nav


def test_pages_declare_their_trees_exact_language(tmp_path: Path) -> None:
    # mkdocs-material's pt-BR strings call themselves "pt"; it has none at all for Irish
    site = make_site(
        tmp_path,
        {"m.yaml": "type: current-state\ntitle: M\nstages: [{name: A}]\n"},
        plugin_options="languages: [en, pt-BR, ga]\ndownloads: false\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    for url, lang in [("maps/m/", "en"), ("pt-BR/maps/m/", "pt-BR"), ("ga/maps/", "ga")]:
        html = site.page(url)
        assert f'<html lang="{lang}"' in html
        assert f'hreflang="{lang}"' in html
