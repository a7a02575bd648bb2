"""Fixtures of the nlp tests: the gazetteer and the full pipeline (real model)."""

from __future__ import annotations

