"""The web formats in a real browser: axe finds no WCAG 2.2 AA violation, and easy read is laid
out as the guidance says (text size, spacing, alignment, picture on the start side)."""

from __future__ import annotations

from typing import Any

import pytest
from browser_tools import AXE
from renderer_factories import make_booklet, make_document, make_page_record, make_service_record

from renderers import REGISTRY, RenderOptions
from services.documents import Document

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_EASY_READ_PX = 16 * 96 / 72  # 16pt


def documents() -> dict[str, Document]:
    return {
        "service": make_document(),
        "closed-paid-service": make_document(services=[make_service_record(
            status="temporarily closed", costs=(("Per session", 4.5),),
            referral_route="ehc_plan_required", out_of_area_name="Ravenscar",
            provision={"teaching_approach": "Small classes with visual timetables."},
            easy_read=("We help with EHC plan reviews.", "Ask your SENCO or GP first."))]),
        "page": make_document(kind="page"),
        "booklet": make_booklet(),
        "urdu-page": make_document(kind="page", pages=[make_page_record(
            content_lang={"body": "en", "easy_read_description": "en", "title": "en"})]),
    }


def load(page: Any, html: str) -> None:
    page.set_content(html, wait_until="load")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "help": v["help"],
             "nodes": [n["html"][:200] for n in v["nodes"][:3]]} for v in result["violations"]]


@pytest.mark.parametrize("fmt", ["html", "easy_read"])
@pytest.mark.parametrize("name", list(documents()))
def test_axe_finds_no_violations(page: Any, fmt: str, name: str) -> None:
    locale = "ur" if name.startswith("urdu") else "en-GB"
    html = REGISTRY[fmt].render(documents()[name], RenderOptions(locale=locale))
    load(page, str(html))
    assert axe_violations(page) == []


def test_axe_on_demo_sample(page: Any, demo: dict[str, Any]) -> None:
    """A sample of the demo catalogue: the first, a middle and the last service, and a page."""
    services = demo["services"]
    sample = [services[0], services[len(services) // 2], services[-1]]
    docs = [Document(kind="service", title=r.service.name, local_offer=demo["local_offer"],
                     services=[r]) for r in sample]
    docs.append(Document(kind="page", title=demo["pages"][0].page.title,
                         local_offer=demo["local_offer"], pages=[demo["pages"][0]]))
    docs.append(Document(kind="booklet", title="Health", local_offer=demo["local_offer"],
                         services=services[:6], sections=demo["sections"]))
    for document in docs:
        for fmt in ("html", "easy_read"):
            load(page, str(REGISTRY[fmt].render(document, RenderOptions())))
            assert axe_violations(page) == [], (fmt, document.title)


EASY_READ_LAYOUT = """() => {
  const out = [];
  for (const idea of document.querySelectorAll('.idea')) {
    const picture = idea.querySelector('svg.pictogram');
    const text = idea.querySelector('.idea-text');
    const p = text.querySelector('p');
    const style = getComputedStyle(p);
    out.push({
      text: p.textContent.trim(),
      fontSize: parseFloat(style.fontSize),
      lineHeight: style.lineHeight === 'normal' ? 0 : parseFloat(style.lineHeight),
      textAlign: style.textAlign,
      fontStyle: style.fontStyle,
      decoration: style.textDecorationLine,
      family: style.fontFamily,
      picture: picture.getBoundingClientRect().toJSON(),
      box: text.getBoundingClientRect().toJSON(),
      label: picture.getAttribute('aria-label'),
    });
  }
  return out;
}"""


@pytest.mark.parametrize("locale", ["en-GB", "ur"])
def test_easy_read_layout(page: Any, locale: str) -> None:
    html = REGISTRY["easy_read"].render(make_booklet(), RenderOptions(locale=locale))
    load(page, str(html))
    ideas = page.evaluate(EASY_READ_LAYOUT)
    assert len(ideas) > 10
    rtl = locale == "ur"
    for idea in ideas:
        assert idea["fontSize"] >= MIN_EASY_READ_PX - 0.01, idea
        assert idea["lineHeight"] >= 1.5 * idea["fontSize"] - 0.01, idea
        assert idea["textAlign"] in ("start", "left" if not rtl else "right"), idea
        assert idea["fontStyle"] == "normal" and idea["decoration"] == "none", idea
        assert "sans-serif" in idea["family"], idea
        assert idea["label"], idea
        picture, box = idea["picture"], idea["box"]
        if rtl:  # the start side is the right
            assert picture["left"] >= box["right"] - 0.5, idea
        else:
            assert picture["right"] <= box["left"] + 0.5, idea
        assert picture["top"] < box["bottom"] and box["top"] < picture["bottom"], idea


def test_easy_read_links_are_the_only_underlines(page: Any) -> None:
    load(page, str(REGISTRY["easy_read"].render(make_document(), RenderOptions())))
    underlined = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => getComputedStyle(e).textDecorationLine.includes('underline'))
        .map(e => e.tagName)""")
    assert set(underlined) <= {"A"}
    italic = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => getComputedStyle(e).fontStyle !== 'normal').map(e => e.tagName)""")
    assert italic == []


def test_skip_link_moves_focus_to_main(page: Any) -> None:
    load(page, str(REGISTRY["html"].render(make_booklet(), RenderOptions())))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("fmt", ["html", "easy_read"])
def test_web_pages_are_self_contained(page: Any, fmt: str) -> None:
    """Styles and pictures are inline: the page asks for nothing, so it works saved, emailed
    or under the API's CSP (inline styles only)."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    load(page, str(REGISTRY[fmt].render(make_booklet(), RenderOptions())))
    assert [url for url in requests if not url.startswith(("about:", "data:"))] == []
    assert page.evaluate("document.querySelectorAll('link, img, script').length") == 0
