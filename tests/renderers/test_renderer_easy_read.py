"""Easy read: generated sentences, pictures, hard words, and the checker for staff text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from renderer_factories import make_booklet, make_document, make_page_record, make_service_record

from renderers import REGISTRY, RenderOptions
from renderers.easy_read_check import check, sentences, words
from renderers.glossary import GLOSSARY, acronyms
from renderers.pictograms import PICTOGRAM_DIR, PICTOGRAMS, idea_for
from services.documents import Document
from services.models import ReferralRoute

STATIC = Path(__file__).resolve().parents[2] / "renderers" / "static"


class Ideas(HTMLParser):
    """The text of each easy-read line (an idea's sentence or one of its items), the picture
    label beside each idea, and the bold words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.pictures: list[tuple[str, str]] = []  # (aria-label, sentence)
        self.bold: list[str] = []
        self._depth = 0  # inside .idea-text
        self._line: list[str] | None = None
        self._label = ""
        self._strong = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg" and "pictogram" in (a.get("class") or ""):
            self._label = a.get("aria-label") or ""
        if tag == "div" and "idea-text" in (a.get("class") or ""):
            self._depth = 1
        elif tag == "div" and self._depth:
            self._depth += 1
        if self._depth and tag in ("p", "li"):
            self._line = []
        if tag == "strong":
            self._strong = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        if tag in ("p", "li") and self._line is not None:
            line = " ".join("".join(self._line).split())
            if tag == "p" and self._label:
                self.pictures.append((self._label, line))
                self._label = ""
            self.lines.append(line)
            self._line = None
        if tag == "strong":
            self._strong = False

    def handle_data(self, data: str) -> None:
        if self._line is not None:
            self._line.append(data)
        if self._strong and self._depth:
            self.bold.append(data)


def ideas(document: Document, locale: str = "en-GB") -> Ideas:
    parser = Ideas()
    parser.feed(str(REGISTRY["easy_read"].render(document, RenderOptions(locale=locale))))
    return parser


def varied_services() -> list[Any]:
    """One service for each referral route, free and paid, local and out of area."""
    return [make_service_record(
        id=f"svc-{i}", name=f"Service {i}", referral_route=route.value,
        costs=(("Per session", 12.0),) if i % 2 else (),
        out_of_area_name="Kelsbury" if i == 3 else None,
        minimum_age=[0, 5, None, 16, None][i], maximum_age=[25, None, 18, 25, None][i],
        delivery_modes=("in_person", "online", "telephone", "home_visit"),
        languages=(("en", "English"), ("ur", "Urdu"), ("pa", "Punjabi"), ("bn", "Bengali")),
        status="temporarily closed" if i == 4 else "active",
        schedule="Monday to Friday, 9am to 5pm, term time only (closed on bank holidays)",
    ) for i, route in enumerate(ReferralRoute)]


# -- generated sentences --------------------------------------------------------------------------


def test_generated_sentences_follow_the_rules() -> None:
    document = make_document(kind="booklet", services=varied_services(),
                             pages=[make_page_record()])
    found = ideas(document)
    assert len(found.lines) > 40
    for line in found.lines:
        assert check(line) == [], line
        assert not re.search(r"\b(e\.g|etc|i\.e)\b", line)
    text = "\n".join(found.lines)
    for sentence in ("It is free.", "It costs money.", "You can ask for this yourself.",
                     "You need an EHC plan to get this.", "You can get this online.",
                     "This service is in Kelsbury. That is outside Brackenford.",
                     "This is for children and young people aged 0 to 25.",
                     "This service is closed for now.",
                     "You can get this in English, Urdu, Punjabi and "
                     f"{Locale('bn').get_display_name('en_GB')}."):
        assert sentence in text


def test_same_idea_same_picture() -> None:
    found = ideas(make_document(kind="booklet", services=varied_services()))
    by_sentence: dict[str, set[str]] = {}
    for label, sentence in found.pictures:
        by_sentence.setdefault(sentence, set()).add(label)
    assert by_sentence["It is free."] == {"Free"}
    assert by_sentence["It costs money."] == {"Money"}
    assert all(len(labels) == 1 for labels in by_sentence.values()), by_sentence


def test_every_idea_has_a_picture_with_alt_text() -> None:
    html = str(REGISTRY["easy_read"].render(make_booklet(), RenderOptions()))
    assert html.count('<div class="idea"') == html.count('<svg class="pictogram"') > 10
    assert not re.search(r'<svg class="pictogram"[^>]*aria-label=""', html)
    assert html.count("<title>") == html.count('<svg class="pictogram"') + 1  # + page title


def test_dates_in_full_and_numbers_as_digits() -> None:
    text = "\n".join(ideas(make_document()).lines)
    assert "We checked this on Thursday, 12 March 2026." in text
    assert "aged 0 to 5" in text
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", text)


def test_hard_words_are_bold_and_explained_once_at_the_end() -> None:
    record = make_service_record(easy_read=("You need an EHC plan and a SENCO.",
                                            "Ask your GP about short breaks."),
                                 referral_route="ehc_plan_required")
    html = str(REGISTRY["easy_read"].render(make_document(services=[record]), RenderOptions()))
    found = ideas(make_document(services=[record]))
    assert {"EHC plan", "SENCO", "GP", "short breaks"} <= set(found.bold)
    glossary = html[html.index('id="hard-words"'):]
    assert glossary.index("<h2>Hard words</h2>")
    for term in ("EHC plan", "SENCO", "GP", "short breaks", "SEN"):
        # SEN appears only in the explanation of SENCO, and is explained too.
        assert f'<p class="glossary-term">{term}</p>' in glossary
    assert '<p class="glossary-term">tribunal</p>' not in glossary  # not used: not listed
    assert glossary.count('class="glossary-term"') == len(set(re.findall(
        r'<p class="glossary-term">([^<]+)</p>', glossary)))


def test_page_uses_its_staff_lines_or_its_summary() -> None:
    text = "\n".join(ideas(make_document(kind="page")).lines)
    assert "Schools must help children with SEN." in text
    bare = make_document(kind="page", pages=[make_page_record(easy_read=())])
    assert "How schools give extra help" in "\n".join(ideas(bare).lines)


# -- tables: glossary and pictograms ---------------------------------------------------------------


def test_glossary_table() -> None:
    keys = [w.key for w in GLOSSARY]
    assert len(keys) == len(set(keys))
    terms = {w.term for w in GLOSSARY}
    for needed in ("EHC plan", "SENCO", "SEN", "SENDIASS", "GP", "NHS", "CAMHS", "tribunal",
                   "mediation", "short breaks"):
        assert needed in terms
    assert {"EHC", "SENCO", "SEN", "SEND", "SENDIASS", "GP", "NHS", "CAMHS"} <= acronyms()
    for word in GLOSSARY:
        assert check(word.explanation) == [], word.key  # explanations are easy read too
        assert word.explanation.endswith(".")


def test_pictogram_table_and_files() -> None:
    assert (PICTOGRAM_DIR / "LICENCE.txt").read_text().count("MIT License") >= 1
    files = [p.file for p in PICTOGRAMS.values()]
    assert len(files) == len(set(files)), "one picture per idea"
    assert sorted(files) == sorted(p.name for p in PICTOGRAM_DIR.glob("*.svg")), "no unused files"
    for idea, picture in PICTOGRAMS.items():
        root = ET.parse(PICTOGRAM_DIR / picture.file).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox")
        assert root.find(".//{http://www.w3.org/2000/svg}script") is None
        assert picture.alt.strip(), idea
    assert idea_for("Phone us on 0121 496 0000.") == "telephone"
    assert idea_for("It is free.") == "free"
    assert idea_for("We are friendly.") == "about"


def test_fonts_are_shipped_with_their_licence() -> None:
    fonts = STATIC / "fonts"
    licence = (fonts / "LICENCE.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    names = {p.name for p in fonts.glob("*.ttf")}
    for family in ("AtkinsonHyperlegible", "NotoSansGurmukhi", "NotoNastaliqUrdu",
                   "NotoNaskhArabic", "NotoSansBengali"):
        assert {f"{family}-Regular.ttf", f"{family}-Bold.ttf"} <= names
        assert family.replace("Hyperlegible", " Hyperlegible") in licence or family in licence
    assert sum(p.stat().st_size for p in fonts.iterdir()) < 8 * 1024 * 1024


def test_css_mirrors_for_right_to_left() -> None:
    """Logical properties only: a physical left/right would not flip for Urdu or Arabic."""
    for sheet in (STATIC / "css").glob("*.css"):
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.DOTALL)
        assert not re.search(r"(margin|padding|border)-(left|right)|text-align:\s*(left|right)"
                             r"|float:\s*(left|right)|\b(left|right):", css), sheet.name


# -- the checker ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "rules"), [
    ("You can come to our group.", []),
    ("Ask your GP, the SENCO or CAMHS about an EHC plan.", []),
    ("We are open from 9am to 5pm in BF1 2AB.", []),
    ("This sentence is much too long for easy read because it has more than fifteen words.",
     ["sentence_length", "number_word"]),
    ("Bring a drink, e.g. water.", ["abbreviation"]),
    ("Bring toys, books etc.", ["abbreviation"]),
    ("Ask the SLT team.", ["acronym"]),
    ("We meet three times a year.", ["number_word"]),
    ("It lasts one week.", ["number_word"]),
    ("No one has to pay.", []),
    ("Read Part II of the form.", ["roman_numeral"]),
    ("Come on 3/3/25.", ["date_in_figures"]),
    ("Come on 2025-03-03.", ["date_in_figures"]),
])
def test_checker_rules(text: str, rules: list[str]) -> None:
    assert [f.rule for f in check(text)] == rules


def test_checker_findings_name_the_problem() -> None:
    [finding] = check("Ask the SLT team.")
    assert finding.excerpt == "Ask the SLT team."
    assert "SLT" in finding.message
    assert sentences("One idea.\nAnother idea, e.g. this. Third.") == [
        "One idea.", "Another idea, e.g. this.", "Third."]
    assert len(words("Email hello@example.org.uk at 9.30am.")) == 4


# -- the demo catalogue ---------------------------------------------------------------------------


def test_demo_catalogue_easy_read_follows_the_rules(demo: dict[str, Any]) -> None:
    """Every service and page of the demo, as rendered: no long sentence, no unknown acronym,
    numbers as digits, no e.g. or etc."""
    problems = []
    records = [("service", r) for r in demo["services"]] + [("page", p) for p in demo["pages"]]
    for kind, record in records:
        document = Document(kind=kind, title="Demo", local_offer=demo["local_offer"],  # type: ignore[arg-type]
                            services=[record] if kind == "service" else [],
                            pages=[record] if kind == "page" else [])
        for line in ideas(document).lines:
            problems += [(f.rule, f.excerpt) for f in check(line)]
    assert problems == []
