"""Search per language tree: each tree's own index, base address and sitemap (real builds)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import Site, make_site
from journey_maps.i18n.keys import source_hash

LANGUAGES = ["en", "de", "et", "bg", "af", "lv"]
PREFIXES = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
MARK = re.compile(r'^<span class="jm-untranslated" lang="([a-z]+)" title="([^"]+)">(.*)</span>$')


def index(site: Site, prefix: str = "") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (site.site_dir / prefix / "search/search_index.json").read_text("utf-8")
    )
    return data


def articles(data: dict[str, Any]) -> dict[str, str]:
    """Page location -> title of the page's own entry (the one without an anchor)."""
    return {d["location"]: d["title"] for d in data["docs"] if "#" not in d["location"]}


def test_each_tree_indexes_its_own_pages_relative_to_its_root(sample_site: Site) -> None:
    own: dict[str, set[str]] = {}
    for lang, prefix in PREFIXES.items():
        locations = {d["location"].split("#")[0] for d in index(sample_site, prefix)["docs"]}
        # relative to the tree's root, where the tree's pages have their base
        assert not any(loc.startswith(tuple(f"{o}/" for o in LANGUAGES)) for loc in locations)
        own[lang] = locations
        for location in locations:
            assert (sample_site.site_dir / prefix / location / "index.html").is_file(), location
    # the author's pages exist in the default tree only; every tree has every generated page
    authored = {
        str(md.relative_to(sample_site.root / "docs").with_suffix("")) + "/"
        for md in (sample_site.root / "docs").rglob("*.md")
    }
    authored = {"" if page == "index/" else page for page in authored}
    assert authored <= own["en"]
    for lang in LANGUAGES[1:]:
        assert own[lang] == own["en"] - authored, lang
    titles = articles(index(sample_site, "de/"))
    assert titles["maps/colleen-vacuum-current/"].startswith("Colleen kauft einen Staubsauger")
    titles = articles(index(sample_site, "bg/"))
    assert titles["maps/kadri-packaging-five-steps/"].startswith("Кадри намира доставчик")


def test_each_tree_is_analysed_in_its_own_language(sample_site: Site) -> None:
    root = index(sample_site)["config"]
    assert root["lang"] == ["en"]  # Material's own, from the search plugin
    for lang in LANGUAGES[1:]:
        config = index(sample_site, PREFIXES[lang])["config"]
        assert config["separator"] == root["separator"]
        assert config["fields"] == root["fields"]
        if lang == "de":  # lunr has German: the site's pipeline, with German words
            assert (config["lang"], config["pipeline"]) == (["de"], root["pipeline"])
        else:  # lunr has no Estonian, Bulgarian, Afrikaans, Latvian: no one else's either
            assert (config["lang"], config["pipeline"]) == (["en"], []), lang


def test_an_untranslated_page_is_found_in_every_tree_and_marked(sample_site: Site) -> None:
    for lang in LANGUAGES[1:]:
        data = index(sample_site, PREFIXES[lang])
        titles = articles(data)
        # jana-day-in-the-life is translated into no language: English in every tree
        mark = MARK.match(titles["maps/jana-day-in-the-life/"])
        assert mark, (lang, titles["maps/jana-day-in-the-life/"])
        assert mark.group(1) == "en"
        assert mark.group(3) == "A weekday in Jana&#39;s life, and where a sleep aid fits in"
        # results are grouped by page: its sections (some of them the tree's own words,
        # such as "Phasen") are not marked again
        sections = [d for d in data["docs"] if d["location"].startswith("maps/jana-day-in-")]
        assert len(sections) > 2 and sum(bool(MARK.match(d["title"])) for d in sections) == 1
        assert MARK.match(titles["personas/juggling-jana/"]), lang
    note = MARK.match(articles(index(sample_site, "de/"))["maps/jana-day-in-the-life/"])
    assert note and note.group(2) == "Noch nicht in diese Sprache übersetzt"
    # translated, or partly translated (petra in bg, 53 %): not marked
    assert not MARK.match(articles(index(sample_site, "de/"))["maps/colleen-vacuum-current/"])
    assert not MARK.match(articles(index(sample_site, "bg/"))["maps/petra-scheduling-software/"])
    assert not any(MARK.match(d["title"]) for d in index(sample_site)["docs"])


def test_a_tree_page_has_its_trees_root_as_base_and_the_sites_scope(sample_site: Site) -> None:
    def base_and_scope(url: str) -> tuple[str, str]:
        html = sample_site.page(url)
        config = json.loads(re.search(r'id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
        scope = re.search(r'__md_scope=new URL\("([^"]*)"', html)
        assert scope
        return config["base"], scope[1]

    assert base_and_scope("de/maps/colleen-vacuum-current/") == ("../../", "../../..")
    assert base_and_scope("lv/maps/") == ("../", "../..")
    # the default tree and the author's pages keep the site root
    assert base_and_scope("maps/colleen-vacuum-current/") == ("../..", "../..")
    assert base_and_scope("guide/getting-started/") == ("../..", "../..")
    assert '"base": "/"' in (sample_site.site_dir / "404.html").read_text("utf-8")


def test_instant_navigation_knows_each_trees_pages_from_its_own_sitemap(
    sample_site: Site,
) -> None:
    def locations(path: str) -> set[str]:
        text = (sample_site.site_dir / path).read_text("utf-8")
        found = re.findall(r"<loc>https://journey-maps\.example\.org/([^<]*)</loc>", text)
        return set(found)

    pages = {  # redirects of earlier versions' addresses are not pages: not in sitemaps
        p.parent.relative_to(sample_site.site_dir).as_posix() + "/"
        for p in sample_site.site_dir.rglob("index.html")
        if 'http-equiv="refresh"' not in p.read_text("utf-8")
    }
    root = locations("sitemap.xml")
    assert "maps/colleen-vacuum-current/" in root and "guide/getting-started/" in root
    for lang in LANGUAGES[1:]:
        prefix = PREFIXES[lang]
        assert not any(loc.startswith(prefix) for loc in root), lang
        assert locations(f"{prefix}sitemap.xml") == {p for p in pages if p.startswith(prefix)}


MAP = "type: current-state\ntitle: Buying a kettle\nstages: [{name: Purchases}]\n"
GERMAN = {"title": "Einen Wasserkocher kaufen", "stages.purchases.name": "Einkäufe"}


def _translation(texts: dict[str, str], source: dict[str, str]) -> str:
    lines = ["language: de", "map: kettle", "texts:"]
    for key, text in texts.items():
        lines.append(f"  {key}: {{text: {text}, source: {source_hash(source[key])}}}")
    return "\n".join(lines) + "\n"


def _site(root: Path, search: str, languages: str, maps: dict[str, str]) -> Site:
    site = make_site(root, maps, plugin_options=f"languages: {languages}\ndownloads: false\n")
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - search\n", search), "utf-8")
    return site


def test_the_sites_search_settings_apply_to_every_tree(tmp_path: Path) -> None:
    search = "  - search:\n      pipeline: [stemmer, trimmer]\n      separator: '[\\s\\-.]+'\n"
    site = _site(tmp_path, search, "[en, de, et, pt-BR]", {"kettle.yaml": MAP})
    source = {"title": "Buying a kettle", "stages.purchases.name": "Purchases"}
    site.write("maps/translations/de/kettle.yaml", _translation(GERMAN, source))
    result = site.build()
    assert result.returncode == 0, result.stderr
    expected = {
        "de/": (["de"], ["stemmer", "trimmer"]),
        "pt-BR/": (["pt"], ["stemmer", "trimmer"]),
        "et/": (["en"], []),
    }
    for prefix, (lang, pipeline) in expected.items():
        config = index(site, prefix)["config"]
        assert (config["lang"], config["pipeline"]) == (lang, pipeline), prefix
        assert config["separator"] == "[\\s\\-.]+"
    assert articles(index(site, "de/"))["maps/kettle/"] == "Einen Wasserkocher kaufen"


def test_the_default_trees_generated_pages_join_materials_index(tmp_path: Path) -> None:
    # one language: no trees of their own, Material's index holds every page
    site = _site(tmp_path / "one", "  - search\n", "[]", {"kettle.yaml": MAP})
    assert site.build().returncode == 0
    titles = articles(index(site))
    assert titles["maps/kettle/"] == "Buying a kettle" and "" in titles
    assert not (site.site_dir / "de").exists()
    # a map written in German, untranslated into the default language: marked there too
    german = MAP.replace("Buying a kettle", "Einen Wasserkocher kaufen") + "language: de\n"
    site = _site(tmp_path / "two", "  - search\n", "[en, de]", {"kettle.yaml": german})
    result = site.build()
    assert result.returncode == 0, result.stderr
    mark = MARK.match(articles(index(site))["maps/kettle/"])
    assert mark and mark.groups()[::2] == ("de", "Einen Wasserkocher kaufen")
    assert articles(index(site, "de/"))["maps/kettle/"] == "Einen Wasserkocher kaufen"


def test_offline_sites_get_each_trees_index_as_a_script(tmp_path: Path) -> None:
    search = "  - search\n  - offline\n"
    site = _site(tmp_path, search, "[en, de]", {"kettle.yaml": MAP})
    result = site.build()
    assert result.returncode == 0, result.stderr
    for prefix in ("", "de/"):
        script = (site.site_dir / prefix / "search/search_index.js").read_text("utf-8")
        data = json.loads(script.removeprefix("var __index = "))
        # the default tree's pages were added before the offline plugin copied the index
        assert "maps/kettle/index.html" in articles(data), prefix


def _kept_entries(cache: Path) -> set[str]:
    return {path.name for path in (cache / "store" / "search").rglob("*") if path.is_file()}


def test_a_warm_build_parses_only_the_pages_that_changed(tmp_path: Path) -> None:
    """Parsed pages are kept by what the parser reads: a rebuild parses only new content,
    and the index it writes is the one a build without anything kept writes."""
    maps = {
        "kettle.yaml": MAP.replace("[{name: Purchases}]", "[{name: Purchases, actions: [Pays]}]"),
        "toaster.yaml": MAP.replace("kettle", "toaster"),
    }
    site = _site(tmp_path / "project", "  - search\n", "[en, de]", maps)
    cache = tmp_path / "cache"
    env = {"JOURNEY_MAPS_CACHE_DIR": str(cache)}
    assert site.build(env=env).returncode == 0
    first = _kept_entries(cache)
    assert len(first) >= 4  # both maps' pages in both trees, the listings
    assert site.build(env=env).returncode == 0
    assert _kept_entries(cache) == first  # nothing parsed again
    site.write("maps/kettle.yaml", maps["kettle.yaml"].replace("Pays", "Pays by card"))
    assert site.build(env=env).returncode == 0
    added = _kept_entries(cache) - first
    # the kettle's page in each tree changed; the toaster's did not
    assert 2 <= len(added) < len(first)
    assert any("Pays by card" in doc["text"] for doc in index(site)["docs"])
    indexes = [site.site_dir / prefix / "search/search_index.json" for prefix in ("", "de/")]
    warm = [path.read_bytes() for path in indexes]
    fresh = tmp_path / "fresh"
    assert site.build(env={"JOURNEY_MAPS_CACHE_DIR": str(fresh)}).returncode == 0
    assert [path.read_bytes() for path in indexes] == warm
