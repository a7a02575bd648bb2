"""``kg_morphology``: the model's attribute ruler and lemmatizer, once per distinct token.

The English model sets part of speech, morphology and some lemmas with an
``attribute_ruler`` (a Matcher over token patterns, run on every token of
every text) and then lemmatizes every token with a rule ``lemmatizer`` (Python
per token). Both are functions of a few token attributes: a single-token rule
of the ruler reads the token's tag, lower-case form, dependency label and
whether it is a space; the lemmatizer reads its form, part of speech and
morphology. This component computes each answer once per distinct input
(a word no rule names counts as "some other word", so the rules run once per
tag and dependency label), keeps it for the process as spaCy's lemmatizer keeps
its lemmas, and writes a text's answers with two array writes. The
ruler's few multi-token rules ("there *is*", "gon na") are matched in a window
of the rule's length, and every rule is applied in the ruler's own order
(later rules win), so the annotations are the model's own, token for token.

:func:`replace_morphology` swaps the two model components for this one when
the ruler uses only what this module evaluates (it checks its patterns), and
leaves the pipeline as it is otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

__all__ = ["FACTORY", "Morphology", "replace_morphology"]

FACTORY = "kg_morphology"

# the token attributes a ruler pattern may test here, in the order of a cache key
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_IN = (TAG, LOWER, DEP, IS_SPACE)
# what the ruler may set, in the order of the written columns
_OUT = ("POS", "MORPH", "LEMMA", "TAG", "DEP")
_OUT_IDS = (POS, MORPH, LEMMA, TAG, DEP)
_MORPH = _OUT.index("MORPH")
_LEMMA = _OUT.index("LEMMA")
# word forms remembered (lemmas, lower-case keys) before the memory is cleared:
# bounded memory over any corpus, few recomputations
_MAX_REMEMBERED = 500_000

Predicate = Callable[[tuple[str, str, str, bool]], bool]


class UnsupportedPattern(ValueError):
    """A ruler pattern uses an attribute or operator this module does not evaluate."""


def _value_test(key: str, spec: Any) -> Callable[[Any], bool]:
    if isinstance(spec, dict):
        if len(spec) != 1:
            raise UnsupportedPattern(f"{key}: {spec!r}")
        (op, arg), = spec.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda value: value in allowed
        if op == "NOT_IN":
            refused = frozenset(arg)
            return lambda value: value not in refused
        if op == "REGEX":
            search = re.compile(arg).search
            return lambda value: bool(search(value))
        raise UnsupportedPattern(f"{key}: {op}")
    if key == "IS_SPACE":
        if not isinstance(spec, bool):
            raise UnsupportedPattern(f"{key}: {spec!r}")
        return lambda value: value is spec
    if not isinstance(spec, str):
        raise UnsupportedPattern(f"{key}: {spec!r}")
    return lambda value: value == spec


def _token_test(token_pattern: dict[str, Any]) -> tuple[Predicate, tuple[int, frozenset[str]] | None]:
    """The token's test, and the values of LOWER, TAG or DEP it requires (to index rules by), if any."""
    tests: list[tuple[int, Callable[[Any], bool]]] = []
    for key, spec in token_pattern.items():
        if key not in _KEYS:
            raise UnsupportedPattern(key)
        tests.append((_KEYS.index(key), _value_test(key, spec)))
    required = None
    for key in ("LOWER", "TAG", "DEP"):
        spec = token_pattern.get(key)
        if isinstance(spec, str):
            required = (_KEYS.index(key), frozenset([spec]))
        elif isinstance(spec, dict) and list(spec) == ["IN"]:
            required = (_KEYS.index(key), frozenset(spec["IN"]))
        if required is not None:
            break
    return (lambda token: all(test(token[i]) for i, test in tests)), required


@dataclass(frozen=True)
class _Rule:
    """One ruler pattern: its place in the ruler's order, its token tests, the token it sets, the values."""

    order: int
    tests: tuple[Predicate, ...]
    required: tuple[tuple[int, frozenset[str]] | None, ...]
    index: int
    values: tuple[tuple[int, int], ...]


def _compile(ruler: AttributeRuler) -> list[_Rule]:
    """The ruler's rules in its order, with the values it would write (as hashes)."""
    rules: list[_Rule] = []
    # patterns() lists them in the order they were added, which is the ruler's
    # order of application (its matches are sorted by that number)
    entries: list[dict[str, Any]] = list(ruler.patterns)  # type: ignore[arg-type]
    for order, entry in enumerate(entries):
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or any("OP" in t for t in pattern):
                raise UnsupportedPattern(repr(pattern))
            compiled = [_token_test(t) for t in pattern]
            index = int(entry.get("index", 0))
            index = index if index >= 0 else len(compiled) + index
            if not 0 <= index < len(compiled):
                raise UnsupportedPattern(f"index {entry.get('index')} of {pattern!r}")
            values = ruler.attrs[order]
            if set(values) - set(_OUT_IDS):
                raise UnsupportedPattern(f"sets {sorted(values)}")
            rules.append(_Rule(order, tuple(t for t, _ in compiled), tuple(r for _, r in compiled), index,
                               tuple((_OUT_IDS.index(a), v) for a, v in values.items())))
    return rules


def _lower_tests(ruler: AttributeRuler) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]] | None:
    """The lower-case forms the ruler's patterns name, and its patterns on them.

    None when a pattern could match a form it does not name (``NOT_IN``), or
    the empty form, so that forms cannot be told apart from "some other word".
    """
    named: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    entries: list[dict[str, Any]] = list(ruler.patterns)  # type: ignore[arg-type]
    for entry in entries:
        for pattern in entry["patterns"]:
            for token in pattern:
                spec = token.get("LOWER")
                if spec is None:
                    continue
                if isinstance(spec, str):
                    named.add(spec)
                elif isinstance(spec, dict) and list(spec) == ["IN"]:
                    named.update(spec["IN"])
                elif isinstance(spec, dict) and list(spec) == ["REGEX"]:
                    patterns.append(re.compile(spec["REGEX"]))
                else:
                    return None
    if "" in named or any(p.search("") for p in patterns):
        return None
    return frozenset(named), tuple(patterns)


class Morphology:
    """Pipeline component giving the model's ruler and lemmatizer annotations (see module doc)."""

    def __init__(self, nlp: Language, *, name: str = FACTORY) -> None:
        self.name = name
        self._single: list[_Rule] = []
        self._windows: list[_Rule] = []
        # single-token rules by a LOWER, TAG or DEP value they require; the rest always tried
        self._indexed: dict[tuple[int, str], list[_Rule]] = {}
        self._unindexed: list[_Rule] = []
        # the same for the token tests of window rules, as (window rule, position)
        self._window_indexed: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._window_unindexed: list[tuple[int, int]] = []
        self._lemmatizer: Lemmatizer | None = None
        # (tag, lower, dep, space) hashes -> the single-token rules' values, folded
        self._ruled: dict[tuple[int, ...], tuple[int | None, ...]] = {}
        # the same key -> (window rule, token position) pairs whose test it passes
        self._window_tests: dict[tuple[int, ...], frozenset[tuple[int, int]]] = {}
        # (orth, pos, morph) -> lemma text
        self._lemmas: dict[tuple[int, int, int], str] = {}
        # most words are named by no rule: their lower-case form counts as
        # "another word" (the empty string, hash 0) in the keys above, so the
        # rules are evaluated once per tag and dependency, not once per word
        self._lower_tests: tuple[frozenset[str], tuple[re.Pattern[str], ...]] | None = None
        self._lower_keys: dict[int, int] = {}

    def load(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> Morphology:
        """Take over ``ruler``'s rules and ``lemmatizer`` (kept for forms not seen yet).

        Raises
        ------
        UnsupportedPattern
            If a ruler pattern needs what this module does not evaluate, or the
            lemmatizer overwrites lemmas the ruler set.
        """
        if lemmatizer.overwrite:
            raise UnsupportedPattern("the lemmatizer overwrites the ruler's lemmas")
        rules = _compile(ruler)
        self._single = [r for r in rules if len(r.tests) == 1]
        self._windows = [r for r in rules if len(r.tests) > 1]
        for rule in self._single:
            if rule.required[0] is None:
                self._unindexed.append(rule)
                continue
            field, allowed = rule.required[0]
            for value in allowed:
                self._indexed.setdefault((field, value), []).append(rule)
        for w, rule in enumerate(self._windows):
            for k, required in enumerate(rule.required):
                if required is None:
                    self._window_unindexed.append((w, k))
                    continue
                for value in required[1]:
                    self._window_indexed.setdefault((required[0], value), []).append((w, k))
        self._lower_tests = _lower_tests(ruler)
        self._lemmatizer = _fast_lemmatizer(lemmatizer)
        return self

    def _lower_key(self, strings: Any, lower: int) -> int:
        """``lower``, or 0 when no rule names or matches that form."""
        found = self._lower_keys.get(lower)
        if found is None:
            tests = self._lower_tests
            if tests is None:
                found = lower
            else:
                form = strings[lower]
                found = lower if form in tests[0] or any(p.search(form) for p in tests[1]) else 0
            self._lower_keys[lower] = found
        return found

    @staticmethod
    def _strings(strings: Any, key: tuple[int, ...]) -> tuple[str, str, str, bool]:
        return strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3])

    def _matching(self, token: tuple[str, str, str, bool]) -> list[_Rule]:
        """The single-token rules matching ``token``, in the ruler's order."""
        candidates = {id(r): r for r in (
            *self._indexed.get((0, token[0]), ()), *self._indexed.get((1, token[1]), ()),
            *self._indexed.get((2, token[2]), ()), *self._unindexed)}
        return sorted((r for r in candidates.values() if r.tests[0](token)), key=lambda r: r.order)

    @staticmethod
    def _fold(rules: Iterable[_Rule]) -> tuple[int | None, ...]:
        """The values the rules leave, applied in the ruler's order (later rules win)."""
        out: list[int | None] = [None] * len(_OUT_IDS)
        for rule in sorted(rules, key=lambda r: r.order):
            for column, value in rule.values:
                out[column] = value
        return tuple(out)

    def _single_values(self, strings: Any, key: tuple[int, ...]) -> tuple[int | None, ...]:
        found = self._ruled.get(key)
        if found is None:
            found = self._ruled[key] = self._fold(self._matching(self._strings(strings, key)))
        return found

    def _window_passes(self, strings: Any, key: tuple[int, ...]) -> frozenset[tuple[int, int]]:
        found = self._window_tests.get(key)
        if found is None:
            token = self._strings(strings, key)
            candidates = {
                *self._window_indexed.get((0, token[0]), ()), *self._window_indexed.get((1, token[1]), ()),
                *self._window_indexed.get((2, token[2]), ()), *self._window_unindexed}
            found = self._window_tests[key] = frozenset(
                (w, k) for w, k in candidates if self._windows[w].tests[k](token))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if len(self._lemmas) + len(self._lower_keys) > _MAX_REMEMBERED:
            # the word-keyed memories grow with the vocabulary of a long build: start again
            self._lemmas.clear()
            self._lower_keys.clear()
        if len(doc) == 0:
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([*_IN, *_OUT_IDS, ORTH]).tolist()
        lower_key = self._lower_key
        keys: list[tuple[int, ...]] = [(row[0], lower_key(strings, row[1]), row[2], row[3]) for row in rows]
        ruled = [self._single_values(strings, key) for key in keys]
        if self._windows:
            ruled = self._with_windows(strings, keys, ruled)
        # the model's values where no rule sets one
        out = [[row[4 + c] if v is None else v for c, v in enumerate(values)]
               for row, values in zip(rows, ruled, strict=True)]
        self._write(doc, out, ruled)
        self._lemmatize(doc, rows, out)
        return doc

    def _with_windows(self, strings: Any, keys: list[tuple[int, ...]],
                      ruled: list[tuple[int | None, ...]]) -> list[tuple[int | None, ...]]:
        passes = [self._window_passes(strings, key) for key in keys]
        extra: dict[int, list[_Rule]] = {}
        for start, passed in enumerate(passes):
            for w, k in passed:
                rule = self._windows[w]
                width = len(rule.tests)
                if k == 0 and start + width <= len(keys) and all(
                        (w, j) in passes[start + j] for j in range(1, width)):
                    extra.setdefault(start + rule.index, []).append(rule)
        if not extra:
            return ruled
        ruled = list(ruled)
        for i, rules in extra.items():
            ruled[i] = self._fold([*self._matching(self._strings(strings, keys[i])), *rules])
        return ruled

    def _write(self, doc: Doc, out: list[list[int]], ruled: list[tuple[int | None, ...]]) -> None:
        columns = [c for c in range(len(_OUT_IDS)) if any(v[c] is not None for v in ruled)]
        if _MORPH in columns and any(v[_MORPH] is None for v in ruled):
            # a whole MORPH column would give unset tokens the empty analysis
            # instead of none; set those tokens one by one
            columns.remove(_MORPH)
            for i, values in enumerate(ruled):
                if values[_MORPH] is not None:
                    doc[i].set_morph(values[_MORPH])  # type: ignore[attr-defined]
        if columns:
            table: Any = numpy.array([[row[c] for c in columns] for row in out], dtype=numpy.uint64)
            doc.from_array([_OUT_IDS[c] for c in columns], table)

    def _lemmatize(self, doc: Doc, rows: list[list[int]], out: list[list[int]]) -> None:
        """Lemmatize the tokens the ruler gave no lemma, as the model's lemmatizer does."""
        lemmatizer = self._lemmatizer
        assert lemmatizer is not None
        strings = doc.vocab.strings
        pos, morph, orth = _OUT.index("POS"), _MORPH, len(rows[0]) - 1
        hashes: dict[str, int] = {}
        lemmas = [row[_LEMMA] for row in out]
        changed = False
        for i, (row, lemma_hash) in enumerate(zip(out, lemmas, strict=True)):
            if lemma_hash:
                continue
            key = (rows[i][orth], row[pos], row[morph])
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = lemmatizer.lemmatize(doc[i])[0]
            value = hashes.get(lemma)
            if value is None:
                value = hashes[lemma] = strings.add(lemma)
            lemmas[i] = value
            changed = True
        if changed:
            column: Any = numpy.array(lemmas, dtype=numpy.uint64)
            doc.from_array([LEMMA], column)

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _fast_lemmatizer(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of the rule lemmatizer whose word lists are sets.

    spaCy tests "is this form a known word" with ``in`` on each part of
    speech's list of words, a linear scan per rule; with sets the answers are
    the same and a form not seen before costs microseconds, not a tenth of a
    millisecond.
    """
    from spacy.lookups import Lookups

    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        copy = lookups.add_table(name)
        for key, value in table.items():
            copy[key] = set(value) if name == "lemma_index" and isinstance(value, list) else value
    # the model's own class: a language's lemmatizer adds rules (English knows base forms)
    fast = type(lemmatizer)(lemmatizer.vocab, lemmatizer.model, lemmatizer.name, mode=lemmatizer.mode,
                            overwrite=lemmatizer.overwrite)
    fast.initialize(lookups=lookups)
    return fast


@Language.factory(FACTORY)
def make_morphology(nlp: Language, name: str) -> Morphology:
    """Create the component; :meth:`Morphology.load` gives it the model's rules."""
    return Morphology(nlp, name=name)


def replace_morphology(nlp: Language) -> bool:
    """Put ``kg_morphology`` in place of the model's ``attribute_ruler`` and ``lemmatizer``.

    Returns
    -------
    bool
        True when replaced; False (pipeline unchanged) when the model lacks
        either component, the lemmatizer is not the rule lemmatizer, or the
        ruler uses patterns this module does not evaluate.
    """
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    component = Morphology(nlp)
    try:
        component.load(ruler, lemmatizer)  # type: ignore[arg-type]
    except UnsupportedPattern:
        return False
    added = nlp.add_pipe(FACTORY, before="attribute_ruler")
    assert isinstance(added, Morphology)
    added.load(ruler, lemmatizer)  # type: ignore[arg-type]
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return True
