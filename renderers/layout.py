"""HTML documents from outlines: the one template tree that screen, print and PDF all use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from renderers import outline, sentences
from renderers.context import NO_LANG, Context, Lang
from renderers.i18n import environment
from renderers.pictograms import PICTOGRAMS, inline_svg

STATIC_DIR = Path(__file__).resolve().parent / "static"
CSS_DIR = STATIC_DIR / "css"


@cache
def stylesheet(name: str) -> str:
    return (CSS_DIR / name).read_text(encoding="utf-8")


def web_styles(*names: str) -> list[Markup]:
    """Stylesheets inlined into a web page, so it is one self-contained file that needs no
    other request (pages are served with a CSP that allows inline styles and nothing else).
    No web fonts: the font stack falls back to the reader's own clear sans serif."""
    # Trusted: these are the package's own files, not catalogue text.
    return [Markup(stylesheet(n)) for n in names]


@dataclass(frozen=True)
class PageInfo:
    """What the shared layout (base.html) shows around a document."""

    lang: str
    dir: str
    head_title: str
    description: str
    styles: tuple[Markup, ...]
    body_class: str
    offer_title: str
    council: str
    format_name: str
    offer_title_lang: Lang = NO_LANG  # English when the Local Offer's title is untranslated


def page_info(ctx: Context, *, styles: list[Markup], body_class: str, format_name: str = "",
              title_suffix: str = "") -> PageInfo:
    offer = ctx.document.local_offer
    title = ctx.document.title + (f" ({title_suffix})" if title_suffix else "")
    return PageInfo(
        lang=ctx.locale, dir=ctx.dir,
        head_title=ctx.gettext("{title} - {site}", title=title, site=offer.title),
        description=offer.title, styles=tuple(styles), body_class=body_class,
        offer_title=offer.title, council=offer.council_name, format_name=format_name,
        offer_title_lang=ctx.offer_lang("title"),
    )


def full_html(ctx: Context, *, styles: list[Markup], body_class: str,
              format_name: str = "") -> str:
    """The accessible document as HTML (document.html)."""
    template = environment(ctx.locale).get_template("document.html")
    return template.render(
        page=page_info(ctx, styles=styles, body_class=body_class, format_name=format_name,
                       title_suffix=format_name),
        outline=outline.build(ctx),
    )


def easy_read_html(ctx: Context, *, styles: list[Markup], body_class: str = "easy-read",
                   easy: sentences.EasyDocument | None = None) -> str:
    """The easy-read document as HTML (easy_read.html), pictures inlined."""
    template = environment(ctx.locale).get_template("easy_read.html")

    def picture(idea: str) -> Markup:
        return inline_svg(idea, ctx.gettext(PICTOGRAMS[idea].alt))

    format_name = ctx.gettext("Easy read")
    return template.render(
        page=page_info(ctx, styles=styles, body_class=body_class, format_name=format_name,
                       title_suffix=format_name),
        easy=easy or sentences.build(ctx),
        picture=picture,
        translate=ctx.cat.gettext,
    )
