"""Who published an article, from its metadata.

The publisher is the article's ``dcterms:publisher``. When the text names it
("Smith told Wikinews", "Reuters could not confirm") the publisher speaks of
itself: :mod:`kg.resolve` makes no actor of such a mention.

>>> publisher_name("English Wikinews (via a research data set)", None)
'English Wikinews'
>>> publisher_name(None, "https://www.reuters.com/world/some-story")
'reuters'
>>> site_name("https://en.wikinews.org/wiki/Some_story")
'wikinews'
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["publisher_name", "site_name"]

_PARENTHETICAL = re.compile(r"\s*[(\[][^)\]]*[)\]]")
# second-level labels that name no site: "bbc.co.uk", "abc.net.au"
_GENERIC_LABELS = frozenset({"co", "com", "net", "org", "gov", "ac", "edu"})


def site_name(url: str | None) -> str | None:
    """The name of the site in ``url``: its registered domain without the suffix.

    >>> site_name("https://www.bbc.co.uk/news/world")
    'bbc'
    """
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    labels = labels[:-1]  # the top-level domain
    while len(labels) > 1 and labels[-1] in _GENERIC_LABELS:
        labels = labels[:-1]
    return labels[-1] or None


def publisher_name(source: str | None, url: str | None) -> str | None:
    """The publisher: the input's source without remarks in brackets, else the site's name."""
    if source:
        name = " ".join(_PARENTHETICAL.sub("", source).split())
        if name:
            return name
    return site_name(url)
