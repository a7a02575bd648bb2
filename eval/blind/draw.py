"""Draw the blind evaluation sample of ``kg eval events`` (standard library only).

Run from the repository root::

    python eval/blind/draw.py            # writes eval/blind/sample_a.tsv and sample_b.tsv

Sample A (the blind sample, seed 20250612) holds 200 items drawn uniformly from
``current_events_conflict.jsonl``, 100 from ``current_events_other.jsonl`` and
100 sentences drawn uniformly from all sentences of the Wikinews 2019-2020
articles. Sample B (the reserve, seed 73019) has the same shape at half the size
and no item of sample A. Items are stand-off: the corpus file (relative to the
repository root), the record id and the character span in its ``text`` (the
whole text for current-events items, one sentence for Wikinews). Drawing twice
gives the same files.

Sentences are split deterministically by :func:`sentences`: a paragraph is a
line; a sentence ends at ``.``, ``!`` or ``?`` (closing quotes or brackets may
follow) before white space and a capital letter, digit, quote or bracket,
unless the word before the full stop is a known abbreviation or an initial.
Segments of fewer than five words (datelines, headings) are not sentences.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED_A = 20250612
SEED_B = 73019

SHARED = "../shared/corpus"
CONFLICT = f"{SHARED}/wikipedia_current_events/current_events_conflict.jsonl"
OTHER = f"{SHARED}/wikipedia_current_events/current_events_other.jsonl"
WIKINEWS = f"{SHARED}/wikinews_2019_2020/wikinews_2019_2020.jsonl"

# (file, items in sample A); sample B takes half of each
SHAPE = ((CONFLICT, 200), (OTHER, 100), (WIKINEWS, 100))

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr gen col lt sgt capt cpl maj adm gov sen rep rev hon pres supt
no nos vs etc inc ltd co corp bros dept est approx fig al ave mt ft
jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n u.s.a e.g i.e a.m p.m d.c
""".split())

_END = re.compile(r"""[.!?]['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_WORD = re.compile(r"\S+")


def _abbreviation(paragraph: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation or an initial."""
    if paragraph[stop] != ".":
        return False
    words = paragraph[:stop].split()
    if not words:
        return False
    word = words[-1].lstrip("\"'“‘(").lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of the sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        cuts = [m.end() for m in _END.finditer(line) if not _abbreviation(line, m.start())]
        for end in [*cuts, len(line)]:
            chunk = line[start:end]
            left = len(chunk) - len(chunk.lstrip())
            right = len(chunk.rstrip())
            if right > left and len(_WORD.findall(chunk)) >= 5:
                spans.append((offset + start + left, offset + start + right))
            start = end
        offset += len(line) + 1
    return spans


def read(root: Path, name: str) -> list[dict]:
    path = root / name
    if not path.is_file():
        sys.exit(f"{path}: corpus file not found; run from the repository root beside ../shared")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def candidates(root: Path, name: str) -> list[tuple[str, int, int]]:
    """Every item one could draw from a corpus file: (record id, start, end)."""
    records = read(root, name)
    if name == WIKINEWS:
        return [(r["id"], s, e) for r in records for s, e in sentences(r["text"])]
    return [(r["id"], 0, len(r["text"])) for r in records]


def draw(root: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    """Sample A and sample B as lists of (file, record id, start, end), in corpus order."""
    samples: dict[str, list[tuple[str, str, int, int]]] = {"A": [], "B": []}
    for name, size in SHAPE:
        pool = candidates(root, name)
        picked_a = sorted(random.Random(f"{SEED_A}:{name}").sample(range(len(pool)), size))
        taken = set(picked_a)
        rest = [i for i in range(len(pool)) if i not in taken]
        picked_b = sorted(random.Random(f"{SEED_B}:{name}").sample(rest, size // 2))
        samples["A"] += [(name, *pool[i]) for i in picked_a]
        samples["B"] += [(name, *pool[i]) for i in picked_b]
    return samples


def main() -> None:
    root = Path.cwd()
    here = Path(__file__).resolve().parent
    samples = draw(root)
    for label, seed in (("A", SEED_A), ("B", SEED_B)):
        items = samples[label]
        shape = ", ".join(f"{n if label == 'A' else n // 2} from {f}" for f, n in SHAPE)
        lines = [
            f"# Blind sample {label} of kg eval events, drawn by eval/blind/draw.py with seed {seed}.",
            "# Per corpus file, items drawn uniformly (random.Random(f'{seed}:{file}').sample);",
            f"# shape: {shape}.",
            "# Stand-off: character offsets into the record's text (0-based, end exclusive).",
            "item\tfile\trecord\tstart\tend",
        ]
        lines += [f"{label}{n:03d}\t{f}\t{rid}\t{s}\t{e}" for n, (f, rid, s, e) in enumerate(items, 1)]
        (here / f"sample_{label.lower()}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"sample {label}: {len(items)} items (seed {seed})")


if __name__ == "__main__":
    main()
