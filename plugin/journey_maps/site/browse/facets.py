"""The values a gallery can be filtered by, and the maps each value selects.

Four dimensions: map type, persona, tag and language. A *facet* is one value of one
dimension (``type/future-state``, ``tag/retail``): a view of the gallery at
``maps/#<dimension>-<value>`` (:func:`facet_anchor`), which works without JavaScript through
a CSS rule per facet (:func:`card_selector`), and a token (``type:future-state``) that a
script filters by in place. Cards carry every facet value in data attributes.

Facet values are URL segments, so they are ids: map types and persona ids already are, tags
are slugged (two spellings of a tag that slug alike are one facet), and language codes are
lowercased. A facet lists maps in *listing order*: the maps available in the page's language
sorted by title, then the ones not yet translated into it (see :class:`Listing`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from journey_maps.core.gallery import Gallery
from journey_maps.core.ids import slugify
from journey_maps.core.model import JourneyMap, MapType

TYPE = "type"
PERSONA = "persona"
TAG = "tag"
LANGUAGE = "language"
DIMENSIONS = (TYPE, PERSONA, TAG, LANGUAGE)

#: How many values of a dimension the filter bar shows before "show all" takes over.
FILTER_LIMIT = 12


def tag_slug(tag: str) -> str:
    """The URL segment of a tag: its slug, or a short hash when nothing ASCII is left."""
    slug = slugify(tag, 48)
    if slug:
        return slug
    digest = hashlib.sha256(tag.strip().casefold().encode("utf-8")).hexdigest()[:8]
    return f"tag-{digest}"


def _title_key(journey: JourneyMap) -> tuple[str, str]:
    return (str.__str__(journey.title).casefold(), journey.id)


@dataclass(frozen=True)
class Listing:
    """The maps of one language, in the order every listing page shows them.

    ``available`` maps (written in or at least partly translated into the language) come
    first, as cards; ``untranslated`` ones follow in a separate list, so that readers know
    they exist without mistaking them for translated ones. Both are sorted by title.
    """

    available: tuple[str, ...]
    untranslated: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return self.available + self.untranslated

    def __len__(self) -> int:
        return len(self.available) + len(self.untranslated)

    def only(self, selected: Iterable[str]) -> Listing:
        """The same order, restricted to ``selected`` maps."""
        keep = set(selected)
        return Listing(
            tuple(m for m in self.available if m in keep),
            tuple(m for m in self.untranslated if m in keep),
        )


def listing(gallery: Gallery, is_available: Callable[[str], bool]) -> Listing:
    """Every map of ``gallery`` in listing order for one language."""
    ordered = [m.id for m in sorted(gallery.maps.values(), key=_title_key)]
    return Listing(
        tuple(m for m in ordered if is_available(m)),
        tuple(m for m in ordered if not is_available(m)),
    )


@dataclass(frozen=True)
class Facet:
    """One value of one dimension and the maps it selects."""

    dimension: str
    value: str
    label: str
    maps: frozenset[str]

    @property
    def key(self) -> str:
        """Item id of its page, and its path below ``maps/``: ``tag/retail``."""
        return f"{self.dimension}/{self.value}"

    @property
    def token(self) -> str:
        """How scripts name it: ``tag:retail`` (see ``data-jm-facet``)."""
        return f"{self.dimension}:{self.value}"


@dataclass(frozen=True)
class Facets:
    """Every facet of a gallery, per dimension in display order, and each map's values."""

    dimensions: dict[str, tuple[Facet, ...]]
    values_of: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """``values_of[map_id][dimension]``: the facet values a map has (for data attributes)."""

    def all(self) -> list[Facet]:
        return [facet for facets in self.dimensions.values() for facet in facets]

    def get(self, key: str) -> Facet | None:
        dimension, _, value = key.partition("/")
        return next((f for f in self.dimensions.get(dimension, ()) if f.value == value), None)


#: The data attribute of a card that holds its values of each dimension, and whether it
#: holds several (space-separated) or one.
CARD_ATTRIBUTES = {
    TYPE: ("data-type", False),
    PERSONA: ("data-persona", False),
    TAG: ("data-tags", True),
    LANGUAGE: ("data-languages", True),
}


def facet_anchor(key: str) -> str:
    """The fragment of a facet's view of the gallery: ``tag/retail`` → ``tag-retail``.

    Every anchor starts with its dimension's name, so none can be taken for another id of
    the page; values are ids or slugs, so the anchor is a valid CSS identifier too.
    """
    return key.replace("/", "-", 1)


def card_selector(facet: Facet, *, negate: bool = False) -> str:
    """The attribute selector of the cards a facet selects (or of the others, ``negate``)."""
    attribute, several = CARD_ATTRIBUTES[facet.dimension]
    test = f'[{attribute}{"~" if several else ""}="{facet.value}"]'
    return f":not({test})" if negate else test


def _type_facets(gallery: Gallery, type_names: Mapping[MapType, str]) -> list[Facet]:
    facets = []
    for kind in MapType:
        maps = frozenset(m.id for m in gallery.maps.values() if m.type is kind)
        if maps:
            facets.append(Facet(TYPE, kind.value, type_names.get(kind, kind.value), maps))
    return facets


def _persona_facets(gallery: Gallery) -> list[Facet]:
    people = sorted(gallery.personas.values(), key=lambda p: (str.__str__(p.name).casefold(), p.id))
    facets = []
    for persona in people:
        maps = frozenset(m.id for m in gallery.maps_of(persona.id))
        if maps:
            facets.append(Facet(PERSONA, persona.id, persona.name, maps))
    return facets


def _tag_facets(gallery: Gallery) -> list[Facet]:
    maps: dict[str, set[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for journey in gallery.maps.values():
        for tag in journey.tags:
            slug = tag_slug(tag)
            maps.setdefault(slug, set()).add(journey.id)
            spellings.setdefault(slug, Counter())[str.__str__(tag)] += 1
    facets = []
    for slug, ids in maps.items():
        # The most used spelling names the facet; ties go to the alphabetically first.
        label = min(spellings[slug].items(), key=lambda pair: (-pair[1], pair[0]))[0]
        facets.append(Facet(TAG, slug, label, frozenset(ids)))
    return sorted(facets, key=lambda f: (f.label.casefold(), f.value))


def _language_facets(
    map_languages: Mapping[str, Sequence[str]], language_names: Mapping[str, str]
) -> list[Facet]:
    facets = []
    for code, name in language_names.items():
        maps = frozenset(m for m, codes in map_languages.items() if code in codes)
        if maps:
            facets.append(Facet(LANGUAGE, code.lower(), name, maps))
    return facets


def build_facets(
    gallery: Gallery,
    *,
    type_names: Mapping[MapType, str],
    language_names: Mapping[str, str] | None = None,
    map_languages: Mapping[str, Sequence[str]] | None = None,
) -> Facets:
    """The facets of ``gallery``; languages only when ``language_names`` lists several.

    ``language_names`` are the site's languages in their display order; ``map_languages``
    says in which of them each map is available.
    """
    dimensions: dict[str, tuple[Facet, ...]] = {
        TYPE: tuple(_type_facets(gallery, type_names)),
        PERSONA: tuple(_persona_facets(gallery)),
        TAG: tuple(_tag_facets(gallery)),
    }
    if language_names and len(language_names) > 1:
        dimensions[LANGUAGE] = tuple(_language_facets(map_languages or {}, language_names))
    # Visiting facets in display order keeps each map's values in that order too.
    values_of: dict[str, dict[str, tuple[str, ...]]] = {m: {} for m in gallery.maps}
    for dimension, facets in dimensions.items():
        for facet in facets:
            for map_id in facet.maps:
                values_of[map_id][dimension] = (*values_of[map_id].get(dimension, ()), facet.value)
    return Facets({d: fs for d, fs in dimensions.items() if fs}, values_of)


def shown_in_bar(facets: Sequence[Facet], limit: int = FILTER_LIMIT) -> tuple[list[Facet], bool]:
    """The facets the filter bar shows for one dimension, and whether some were left out.

    Up to ``limit`` values are shown in display order; with more, the most used ones, and
    "show all" lists every value (see the listing template).
    """
    if len(facets) <= limit:
        return list(facets), False
    ranked = sorted(facets, key=lambda f: (-len(f.maps), f.label.casefold(), f.value))
    keep = {f.token for f in ranked[:limit]}
    return [f for f in facets if f.token in keep], True
