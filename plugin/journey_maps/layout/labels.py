"""Every piece of interface text a drawing shows, in one replaceable object.

Map content arrives already in the reader's language; the words the drawing adds around it
(lane headings, legends, the accessible summary) come from here, so a translation only has
to pass another :class:`Labels`. Templates use ``{name}`` placeholders, filled by
:func:`fill` with plain replacement (never ``str.format``, which would let a translation
reach into Python objects), and avoid counted nouns ("Stages: 3") so that languages with
several plural forms need no extra rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journey_maps.core.model import ChannelKind, MapType
from journey_maps.i18n.catalogs import localize_labels

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Labels:
    # lanes
    actions: str = "Actions"
    touchpoints: str = "Touchpoints"
    thoughts: str = "Thoughts"
    emotion: str = "Emotion"
    pain_points: str = "Pain points"
    opportunities: str = "Opportunities"
    # map types
    current_state: str = "Current-state journey map"
    future_state: str = "Future-state journey map"
    day_in_the_life: str = "Day-in-the-life map"
    empathy_map: str = "Empathy map"
    # people and empathy maps
    persona: str = "Persona"
    says: str = "Says"
    thinks: str = "Thinks"
    does: str = "Does"
    feels: str = "Feels"
    goal: str = "Goal"
    pains: str = "Pains"
    gains: str = "Gains"
    # legend
    positive: str = "Positive"
    neutral: str = "Neutral"
    negative: str = "Negative"
    online: str = "Online"
    offline: str = "Offline"
    in_person: str = "In person"
    other_channel: str = "Other channel"
    # loops and the header
    loops_back_to: str = "loops back to {stage}"
    subtitle: str = "{type} · {persona_label}: {persona}"
    # the accessible summary (<desc>)
    desc_map: str = "{type}: {title}."
    desc_persona: str = "Persona: {persona}."
    desc_stages: str = "Stages: {count}."
    desc_slots: str = "Time slots: {count}."
    desc_emotion: str = "Emotion from {low} at {low_stage} to {high} at {high_stage}."
    desc_no_emotion: str = "No emotions recorded."
    desc_loop: str = "{source} loops back to {target}."
    desc_count: str = "{what}: {count}"
    desc_blank: str = "Blank template to fill in."

    def map_type(self, kind: MapType) -> str:
        return {
            MapType.CURRENT_STATE: self.current_state,
            MapType.FUTURE_STATE: self.future_state,
            MapType.DAY_IN_THE_LIFE: self.day_in_the_life,
            MapType.EMPATHY: self.empathy_map,
        }[kind]

    def channel(self, kind: ChannelKind) -> str:
        return {
            ChannelKind.ONLINE: self.online,
            ChannelKind.OFFLINE: self.offline,
            ChannelKind.PERSON: self.in_person,
            ChannelKind.OTHER: self.other_channel,
        }[kind]

    def lane(self, key: str) -> str:
        """The heading of a lane by its key in :data:`journey_maps.core.model.LANES`."""
        return str(getattr(self, key))


def fill(template: str, **values: str) -> str:
    """Replace ``{name}`` placeholders in one pass (values are never re-scanned)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def signed(score: int) -> str:
    """A score as the scale shows it: +2, +1, 0, −1, −2 (with a real minus sign)."""
    if score > 0:
        return f"+{score}"
    return f"−{-score}" if score < 0 else "0"


def diagram_labels(language: str) -> Labels:
    """The drawing's words in ``language`` from the gettext catalogs (English without one).

    The site's diagrams and downloads, its templates and ``journey-maps render`` all take
    them from here, so a map drawn by the command line says what its download says.
    """
    return localize_labels(Labels(), language)
