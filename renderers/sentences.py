"""Easy-read content: short sentences generated from structured fields through translatable
templates, plus the staff-written easy-read lines, each idea with its picture."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel.lists import format_list

from renderers import glossary, markup
from renderers.context import NO_LANG, Context, Lang, anchor, email_href, phone_href, web_url
from renderers.glossary import HardWord, Segment
from renderers.i18n import N_
from renderers.outline import ContentsEntry, delivery_code
from renderers.pictograms import idea_for
from services.documents import PageRecord, ServiceRecord
from services.models import ReferralRoute, ServiceStatus


@dataclass(frozen=True)
class Idea:
    """One idea on one line, beside its picture; `items` are short lines that belong to it."""

    picture: str
    segments: tuple[Segment, ...]
    lang: str | None = None
    dir: str | None = None
    items: tuple[tuple[Segment, ...], ...] = ()
    link: tuple[str, str] | None = None  # (text, href) written after the sentence
    items_lang: Lang = NO_LANG  # the items' own language, when they are catalogue text
    item_langs: tuple[Lang, ...] = ()  # or each item's, when they differ (needs, prices)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments) + (f" {self.link[0]}" if self.link else "")


@dataclass
class EasySection:
    title: str
    anchor: str
    ideas: list[Idea] = field(default_factory=list)
    children: list[EasySection] = field(default_factory=list)
    title_lang: Lang = NO_LANG
    role: str = ""


@dataclass
class EasyDocument:
    title: str
    root: EasySection
    contents: list[ContentsEntry]
    glossary: list[HardWord]


REFERRAL = {
    ReferralRoute.self_referral.value: ("self_referral", N_("You can ask for this yourself.")),
    ReferralRoute.professional_referral.value: (
        "professional_referral", N_("A worker like a teacher or doctor must ask for you.")),
    ReferralRoute.ehc_plan_required.value: ("ehc_plan", N_("You need an EHC plan to get this.")),
    ReferralRoute.local_authority_assessment.value: (
        "assessment", N_("The council must check what you need first.")),
    ReferralRoute.open_access.value: ("open_access", N_("You can just go along.")),
}

DELIVERY = {
    "in_person": N_("You can get this in person."),
    "online": N_("You can get this online."),
    "telephone": N_("You can get this on the phone."),
    "home_visit": N_("Someone can come to your home."),
}

# Schedules are staff prose ("Monday to Friday, 9am to 5pm, term time only"): one short line
# per part reads better than one long sentence.
_SCHEDULE_PARTS = re.compile(r"\s*[,;()]\s*|\s+-\s+")


class Builder:
    """Builds the easy-read document and remembers which hard words it used."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.used: dict[str, HardWord] = {}

    def segments(self, text: str) -> tuple[Segment, ...]:
        found = glossary.segments(text, self.ctx.locale)
        for segment in found:
            if segment.word is not None:
                self.used.setdefault(segment.word.key, segment.word)
        return tuple(found)

    def idea(self, picture: str, text: str, *, lang: Lang = NO_LANG,
             items: list[str] | None = None, items_lang: Lang = NO_LANG,
             item_langs: list[Lang] | None = None,
             link: tuple[str, str] | None = None) -> Idea:
        return Idea(picture, self.segments(text), lang.lang, lang.dir,
                    tuple(self.segments(i) for i in items or []), link, items_lang,
                    tuple(item_langs or ()))

    def staff_lines(self, record: ServiceRecord | PageRecord, text: str) -> list[Idea]:
        lang = self.ctx.lang_of(record, "easy_read_description")
        return [self.idea(idea_for(line), line, lang=lang)
                for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]

    # -- services ------------------------------------------------------------------------

    def service(self, record: ServiceRecord) -> EasySection:
        ctx, s = self.ctx, record.service
        section = EasySection(s.name, anchor("service", s.id),
                              title_lang=ctx.lang_of(record, "name"), role="service")
        ideas = section.ideas
        if s.status == ServiceStatus.temporarily_closed.value:
            ideas.append(self.idea("closed", ctx.gettext("This service is closed for now.")))
        elif s.status in (ServiceStatus.inactive.value, ServiceStatus.defunct.value):
            ideas.append(self.idea("closed", ctx.gettext("This service has stopped.")))
        ideas += self.staff_lines(record, s.easy_read_description)

        low, high = s.minimum_age, s.maximum_age
        if low is not None and high is not None:
            ideas.append(self.idea("age", ctx.ngettext(
                "This is for children and young people aged {min} to {max}.",
                "This is for children and young people aged {min} to {max}.",
                high, min=low, max=high)))
        elif low is not None:
            ideas.append(self.idea("age", ctx.ngettext(
                "This is for people aged {min} and older.",
                "This is for people aged {min} and older.", low, min=low)))
        elif high is not None:
            ideas.append(self.idea("age", ctx.ngettext(
                "This is for children and young people up to age {max}.",
                "This is for children and young people up to age {max}.", high, max=high)))
        if record.needs:
            ideas.append(self.idea("needs", ctx.gettext("It can help with:"),
                                   items=[t.name for t in record.needs],
                                   item_langs=[ctx.term_lang(t) for t in record.needs]))

        if record.is_free:
            ideas.append(self.idea("free", ctx.gettext("It is free.")))
        else:
            paid = [c for c in record.cost_options if c.amount]
            prices = [f"{c.option}: {ctx.money(c.amount or 0, c.currency)}" if c.option
                      else ctx.money(c.amount or 0, c.currency) for c in paid]
            # A price's name is catalogue text that is not translated: English, marked so.
            ideas.append(self.idea("cost", ctx.gettext("It costs money."), items=prices,
                                   item_langs=[ctx.source_lang() if c.option else NO_LANG
                                               for c in paid]))

        if s.referral_route in REFERRAL:
            picture, sentence = REFERRAL[s.referral_route]
            ideas.append(self.idea(picture, ctx.gettext(sentence)))

        for term in record.delivery_modes:
            code = delivery_code(term.code)
            if code in DELIVERY and not (code == "in_person" and record.locations):
                ideas.append(self.idea(code, ctx.gettext(DELIVERY[code])))
        if s.out_of_area:
            ideas.append(self.idea("out_of_area", ctx.gettext(
                "This service is in {area}. That is outside {home}.",
                area=s.out_of_area_name or ctx.gettext("another area"), home=ctx.home)))
        for place in record.locations:
            loc = place.location
            address = ", ".join(x for x in (loc.address_1, loc.city, loc.postal_code) if x)
            ideas.append(self.idea("place", ctx.gettext("It is at {place}.", place=loc.name),
                                   items=[address] if address else []))
            if place.accessibility:
                ideas.append(self.idea("access", ctx.gettext("This place has:"),
                                       items=[a.description for a in place.accessibility],
                                       items_lang=ctx.source_lang()))
        if s.schedule_description:
            parts = [p for p in _SCHEDULE_PARTS.split(s.schedule_description) if p.strip()]
            ideas.append(self.idea("time", ctx.gettext("When it is open:"), items=parts,
                                   items_lang=ctx.lang_of(record, "schedule_description")))
        others = [lang for lang in record.languages if not lang.code.lower().startswith("en")]
        if others:
            names = [ctx.language_name(lang.code, lang.name) for lang in record.languages]
            ideas.append(self.idea("languages", ctx.ngettext(
                "You can get this in {languages}.", "You can get this in {languages}.",
                len(names), languages=format_list(names, locale=ctx.babel_locale))))
        ideas += self.contact(s.phone, s.email, s.url)
        if s.assured_date:
            ideas.append(self.idea("checked", ctx.gettext("We checked this on {date}.",
                                                          date=ctx.date(s.assured_date))))
        return section

    def contact(self, phone: str | None, email: str | None, url: str | None) -> list[Idea]:
        ctx, ideas = self.ctx, []
        if phone:
            ideas.append(self.idea("telephone", ctx.gettext("Phone:"),
                                   link=(phone, phone_href(phone) or "")))
        if email:
            ideas.append(self.idea("email", ctx.gettext("Email:"),
                                   link=(email, email_href(email) or "")))
        if url:
            ideas.append(self.idea("website", ctx.gettext("Website:"),
                                   link=(url, web_url(url) or "")))
        return ideas

    # -- pages ---------------------------------------------------------------------------

    def page(self, record: PageRecord) -> EasySection:
        ctx, page = self.ctx, record.page
        section = EasySection(markup.plain(page.title), anchor("page", page.slug or page.id),
                              title_lang=ctx.lang_of(record, "title"), role="page")
        section.ideas += self.staff_lines(record, page.easy_read_description)
        if not section.ideas and page.summary:
            section.ideas.append(self.idea("about", page.summary,
                                           lang=ctx.lang_of(record, "summary")))
        if page.assured_date:
            section.ideas.append(self.idea("checked", ctx.gettext(
                "We checked this on {date}.", date=ctx.date(page.assured_date))))
        return section

    # -- the document --------------------------------------------------------------------

    def about(self) -> EasySection:
        ctx, offer = self.ctx, self.ctx.document.local_offer
        section = EasySection(ctx.gettext("About this document"), "about", role="about")
        if ctx.document.last_checked:
            section.ideas.append(self.idea("checked", ctx.gettext(
                "We last checked this information on {date}.",
                date=ctx.date(ctx.document.last_checked))))
        section.ideas.append(self.idea("other_format", ctx.gettext(
            "You can ask for this in a different way. It is free.")))
        section.ideas.append(self.idea("other_format", ctx.gettext(
            "For example large print, audio, braille or another language.")))
        section.ideas += self.contact(offer.phone, offer.email, offer.url)
        return section

    def build(self) -> EasyDocument:
        ctx, document = self.ctx, self.ctx.document
        contents: list[ContentsEntry] = []
        if document.kind == "service" and len(document.services) == 1 and not document.pages:
            root = self.service(document.services[0])
        elif document.kind == "page" and len(document.pages) == 1 and not document.services:
            root = self.page(document.pages[0])
        else:
            root = EasySection(document.title, "top", role="document",
                               title_lang=ctx.title_lang())
            groups = ctx.groups()
            flat = len(groups) == 1 and groups[0].term is None
            for number, group in enumerate(groups, start=1):
                members = ([self.page(p) for p in group.pages] +
                           [self.service(s) for s in group.services])
                if flat:
                    root.children += members
                    contents += [entry(m) for m in members]
                    continue
                if group.term is not None:
                    title, key = group.term.name, group.term.id
                else:
                    title = (ctx.gettext("More information") if group.pages
                             else ctx.gettext("Other services"))
                    key = f"other-{number}"
                holder = EasySection(title, anchor("section", key), children=members,
                                     role="group", title_lang=ctx.term_lang(group.term)
                                     if group.term is not None else NO_LANG)
                root.children.append(holder)
                contents.append(entry(holder, tuple(entry(m) for m in members)))
        root.children.append(self.about())
        if contents:
            contents.append(entry(root.children[-1]))
        # Explanations may use other hard words: explain those too, until nothing is new.
        pending = list(self.used.values())
        while pending:
            word = pending.pop()
            for segment in glossary.segments(ctx.gettext(word.explanation), ctx.locale):
                if segment.word is not None and segment.word.key not in self.used:
                    self.used[segment.word.key] = segment.word
                    pending.append(segment.word)
        used = [w for w in glossary.GLOSSARY if w.key in self.used]
        return EasyDocument(document.title, root, contents, used)


def entry(section: EasySection, children: tuple[ContentsEntry, ...] = ()) -> ContentsEntry:
    return ContentsEntry(section.title, section.anchor, children, section.title_lang.lang,
                         section.title_lang.dir)


def build(ctx: Context) -> EasyDocument:
    return Builder(ctx).build()
