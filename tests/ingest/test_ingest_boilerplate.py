"""Boilerplate removal: the seed page, pages of other shapes, and single lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import clean_text, headline, read_articles
from kg.ingest.boilerplate import LineKind, classify_line, normalize_line
from kg.model import Article

SEED_LEDE = "The Russian president called"
SEED_END = "violating the truce."


def _seed_story_lines(raw: str) -> list[str]:
    """The story paragraphs of the raw seed, from the lede to the last paragraph."""
    lines = [normalize_line(line) for line in raw.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(SEED_LEDE))
    end = next(i for i, line in enumerate(lines) if line.endswith(SEED_END))
    return [line for line in lines[start : end + 1] if line]


def test_seed_keeps_the_story_from_the_lede(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    text = clean_text(raw)
    assert text.startswith(SEED_LEDE)
    assert text.endswith(SEED_END)
    story = _seed_story_lines(raw)
    assert len(story) >= 6
    assert text.split("\n\n") == story


@pytest.mark.parametrize(
    "unwanted",
    ["Listen Live", "Get short URL", "Burning Embers", "(191)", "Moscow Calls on All Parties",
     "Dmitry Peskov, Azerbaijan, Armenia", "Community standards", "Discussion", "GMT"],
)
def test_seed_drops_widgets_teasers_tags_and_timestamp(seed_path: Path, unwanted: str) -> None:
    [article] = read_articles([seed_path])
    assert isinstance(article, Article)
    assert unwanted not in article.text


def test_seed_article_has_date_no_title_and_clean_spaces(seed_path: Path) -> None:
    [article] = read_articles([seed_path])
    assert isinstance(article, Article)
    assert article.title is None  # the first story line is the lede, a sentence
    assert article.published is not None and article.published.isoformat().startswith("2020-12-02")
    assert "\u00a0" not in article.text and "  " not in article.text
    assert all(line == line.strip() for line in article.text.split("\n"))


@pytest.mark.parametrize(
    ("name", "kept", "dropped"),
    [
        ("widgets.txt",
         ["Harbour Strike Ends as Unions Back New Deal", "Dock workers in the port city",
          "a ministry spokesman told reporters.", "Shipping companies said"],
         ["Home | World", "Updated:", "By Marta", "min read", "Tweet", "Read more",
          "Ministers Clash Over Port Funding", "Photo:", "Most Read", "Ferry Routes", "(48)",
          "Transport Ministry, Shipping", "Comments", "Leave a comment", "©"]),
        ("wrapped.txt",
         ["Relief Convoy Reaches Mountain Town",
          "carrying food and medicine reached the mountain town",
          "after talks with Mountain Province officials.",
          "The agency said that fighting along the only road had stopped deliveries"],
         ["and\nmedicine"]),
    ],
)
def test_fixture_pages_of_other_shapes(fixtures: Path, name: str, kept: list[str],
                                       dropped: list[str]) -> None:
    text = clean_text((fixtures / name).read_text(encoding="utf-8"))
    for piece in kept:
        assert piece in text
    for piece in dropped:
        assert piece not in text


STORY = ("Government troops retook the bridge on Sunday after two days of fighting, "
         "a military spokesman said.")
SECOND = "Aid groups said that hundreds of families had fled to the nearby hills."


@pytest.mark.parametrize(
    "furniture",
    [
        "23 Comments",
        "Discussion",
        "Show comments (4)",
        "Share on Facebook  Share on Twitter",
        "PrintEmailShare",
        "Subscribe to our newsletter",
        "Tags: Bridge; Army; Rebels; Aid",
        "Army, Rebels, Bridge Offensive, Aid Groups",
        "Rebels Vow to Fight On as Winter Nears (1,204)",
        "Read also: What the Bridge Means for the Front",
        "Posted on Monday, 6 June 2022 at 10:00",
        "Sunday 5 June 2022 14:02 CEST",
        "2022-06-05T14:02:00Z",
        "© 2022 Valley News Agency",
        "Advertisement",
    ],
)
@pytest.mark.parametrize("where", ["before", "between", "after"])
def test_furniture_lines_are_removed_anywhere(furniture: str, where: str) -> None:
    parts = {"before": [furniture, STORY, SECOND], "between": [STORY, furniture, SECOND],
             "after": [STORY, SECOND, furniture]}[where]
    assert clean_text("\n\n".join(parts)) == f"{STORY}\n\n{SECOND}"


def test_repeated_teaser_without_count_is_removed() -> None:
    teaser = "Inside the Siege of the Old Town"
    raw = "\n".join([teaser, "", STORY, "", teaser, "", SECOND, "", teaser])
    assert clean_text(raw) == f"{STORY}\n\n{SECOND}"


def test_title_case_teaser_inside_story_is_removed_but_subheading_kept() -> None:
    raw = "\n\n".join([STORY, "Rebels Seize Airport in Northern Province", SECOND,
                       "What happens next", STORY.replace("Sunday", "Monday")])
    text = clean_text(raw)
    assert "Rebels Seize Airport" not in text
    assert "What happens next" in text


def test_only_the_headline_survives_before_the_story() -> None:
    raw = "\n".join(["Home", "World", "Africa", "Bridge Retaken After Two Days of Fighting",
                     "", STORY, "", SECOND])
    text = clean_text(raw)
    assert text == f"Bridge Retaken After Two Days of Fighting\n\n{STORY}\n\n{SECOND}"
    assert headline(text) == "Bridge Retaken After Two Days of Fighting"


def test_real_paragraphs_with_names_and_commas_are_kept() -> None:
    paragraph = ("Russia, Armenia, Azerbaijan, Turkey and Iran sent delegations, officials said.")
    short_quote = '"We will not retreat," he said.'
    text = clean_text("\n\n".join([STORY, paragraph, short_quote]))
    assert text == "\n\n".join([STORY, paragraph, short_quote])


def test_text_without_sentences_keeps_its_lines() -> None:
    assert clean_text("Army Shells Rebel Positions Near Border") == (
        "Army Shells Rebel Positions Near Border")


def test_page_of_widgets_only_cleans_to_nothing() -> None:
    assert clean_text("Listen Live\nShare\n12 comments\nCommunity standards") == ""


def test_adjacent_lines_stay_adjacent_and_gaps_become_blank_lines() -> None:
    assert clean_text(f"{STORY}\n{SECOND}") == f"{STORY}\n{SECOND}"
    assert clean_text(f"{STORY}\nShare\n{SECOND}") == f"{STORY}\n\n{SECOND}"
    assert clean_text(f"{STORY}\r\n\r\n{SECOND}\r\n") == f"{STORY}\n\n{SECOND}"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Listen Live", LineKind.WIDGET),
        ("Community standardsDiscussion", LineKind.WIDGET),
        ("Get short URL", LineKind.WIDGET),
        ("01:36 GMT02 December 2020", LineKind.TIMESTAMP),
        ("Friday, January 4, 2019", LineKind.TIMESTAMP),
        ("By Jane Doe and John Roe", LineKind.BYLINE),
        ("Border Fears: Valley Tensions Flare Again (57)", LineKind.TEASER),
        ("Nagorno-Karabakh conflict, Vladimir Putin, Azerbaijan, Armenia", LineKind.TAGS),
        ("Peskov said the sides must stop.", LineKind.PARAGRAPH),
        ("Moscow Calls on All Parties to Stop Violence", LineKind.HEADING),
        ("Shareholders met on Monday to discuss the merger.", LineKind.PARAGRAPH),
        ("by the river the soldiers waited", LineKind.HEADING),
        ("", LineKind.BLANK),
    ],
)
def test_classify_line(line: str, kind: LineKind) -> None:
    assert classify_line(line) is kind


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("\u00a0\u00a0Putin said\u00a0on Saturday ", "Putin said on Saturday"),
        ("a\u2009b\u202fc\td", "a b c d"),
        ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
    ],
)
def test_normalize_line(raw: str, normal: str) -> None:
    assert normalize_line(raw) == normal


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ceasefire Holds in the Valley\n\nThe truce held overnight.", "Ceasefire Holds in the Valley"),
        ("Is the truce holding?\n\nThe truce held overnight.", "Is the truce holding?"),
        ("The truce held overnight.\n\nBoth sides said so.", None),
        ("Ceasefire Holds in the Valley", None),
        ("the lower-case start of a fragment\n\nMore text.", None),
    ],
)
def test_headline(text: str, title: str | None) -> None:
    assert headline(text) == title


def test_long_line_without_full_stop_after_the_story_is_kept() -> None:
    results = ("In other results, the northern side beat the visitors 3-1 and the league leaders "
               "drew with the bottom club in the capital")
    assert clean_text(f"{STORY}\n\n{results}\n\nRebels Vow to Fight On") == f"{STORY}\n\n{results}"
