"""Events: what happened, coded as CAMEO and PLOVER, with its time.

This package holds the pieces the event coder builds on, all free of spaCy
and rdflib: the trigger lexicon (:mod:`kg.events.triggers`), the CAMEO code
table with PLOVER types (:mod:`kg.events.cameo`) and temporal expressions
(:mod:`kg.events.timex`).
"""

from __future__ import annotations

from kg.events.cameo import EVENT_TYPES, CameoCode, cameo_info, cameo_to_plover
from kg.events.triggers import Trigger, TriggerLexicon, TriggerMatch, load_triggers
from kg.events.timex import TimeMention, TimeValue, find_times, resolve_time

__all__ = [
    "EVENT_TYPES",
    "CameoCode",
    "TimeMention",
    "TimeValue",
    "Trigger",
    "TriggerLexicon",
    "TriggerMatch",
    "cameo_info",
    "cameo_to_plover",
    "find_times",
    "load_triggers",
    "resolve_time",
]
