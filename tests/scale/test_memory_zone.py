"""Long builds keep the vocabulary flat: texts are parsed inside spaCy memory zones."""

from __future__ import annotations

import pytest

from kg.config import Config
from kg.model import Article
from kg.pipeline import Built, extract_ntriples, load_components


@pytest.mark.parametrize(("words", "ahead"), [
    (("Zorvathi", "Quellmark", "Brindlestow"), True),
    (("Ostravinka", "Pelloquay", "Dunmirrow"), False),  # as worker processes parse
])
def test_new_words_do_not_stay_in_the_vocabulary(config: Config, words: tuple[str, ...], ahead: bool) -> None:
    nlp = load_components(config).nlp
    list(extract_ntriples([Article(id="warm", text="The army of Mali left Bamako on Monday.")], config=config))
    before = len(nlp.vocab.strings)
    first, second, third = words
    text = f"{first} rebels attacked {second} on Friday, and the {third} council condemned the raid."
    [result] = extract_ntriples([Article(id="rare-words", text=text)], config=config, ahead=ahead)
    assert isinstance(result, Built) and first in result.ntriples  # extraction ran and kept its values
    assert len(nlp.vocab.strings) == before
    assert first not in nlp.vocab.strings


def test_parsing_ahead_gives_the_same_graphs(config: Config) -> None:
    articles = [Article(id=f"a{n}", text=text) for n, text in enumerate([
        "Russian President Vladimir Putin urged Armenia and Azerbaijan to cease fire.",
        "Baku accused Yerevan of shelling Azerbaijani villages on Saturday, the ministry said.",
        "The OSCE Minsk Group co-chairs met the foreign ministers in Geneva.",
    ] * 3)]
    ahead = list(extract_ntriples(articles, config=config, ahead=True))
    in_line = list(extract_ntriples(articles, config=config, ahead=False))
    assert ahead == in_line and all(isinstance(b, Built) for b in ahead)
