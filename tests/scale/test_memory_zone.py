"""Long builds keep the vocabulary flat: texts are parsed inside spaCy memory zones."""

from __future__ import annotations

import pytest

from kg.config import Config
from kg.model import Article
from kg.pipeline import Built, extract_ntriples, load_components


@pytest.mark.parametrize("words", [
    ("Zorvathi", "Quellmark", "Brindlestow"),
    ("Ostravinka", "Pelloquay", "Dunmirrow"),
])
def test_new_words_do_not_stay_in_the_vocabulary(config: Config, words: tuple[str, ...]) -> None:
    nlp = load_components(config).nlp
    list(extract_ntriples([Article(id="warm", text="The army of Mali left Bamako on Monday.")], config=config))
    before = len(nlp.vocab.strings)
    first, second, third = words
    text = f"{first} rebels attacked {second} on Friday, and the {third} council condemned the raid."
    [result] = extract_ntriples([Article(id="rare-words", text=text)], config=config)
    assert isinstance(result, Built) and first in result.ntriples  # extraction ran and kept its values
    assert len(nlp.vocab.strings) == before
    assert first not in nlp.vocab.strings
