"""The outline the full formats share (HTML, PDF, large print, plain text): nested sections of
paragraphs and lists, built once from a Document so every format says the same things."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from renderers import markup
from renderers.context import NO_LANG, Context, Lang, anchor, email_href, phone_href, web_url
from renderers.i18n import N_
from services.documents import PageRecord, ServiceRecord
from services.models import ReferralRoute, ServiceStatus


@dataclass(frozen=True)
class Span:
    """A run of text; `lang`/`dir` only when its language is not the document's."""

    text: str
    lang: str | None = None
    dir: str | None = None
    href: str | None = None
    strong: bool = False


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]
    lang: str | None = None
    dir: str | None = None
    role: str = ""  # a CSS class: "lead", "note"
    kind: ClassVar[str] = "para"

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Bullets:
    items: tuple[Para, ...]
    kind: ClassVar[str] = "bullets"


Block = Para | Bullets


@dataclass
class Section:
    """A heading and what follows it; the heading level is the section's depth."""

    title: Para
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    role: str = ""


@dataclass(frozen=True)
class ContentsEntry:
    label: str
    anchor: str
    children: tuple[ContentsEntry, ...] = ()
    lang: str | None = None
    dir: str | None = None

    @classmethod
    def of(cls, section: Section, children: tuple[ContentsEntry, ...] = ()) -> ContentsEntry:
        return cls(section.title.text, section.anchor, children, section.title.lang,
                   section.title.dir)


@dataclass
class Outline:
    title: str
    root: Section
    contents: list[ContentsEntry]


def text(value: str, lang: Lang = NO_LANG, *, role: str = "") -> Para:
    return Para((Span(value),), lang.lang, lang.dir, role)


def rich(value: str, lang: Lang = NO_LANG) -> Para:
    """A paragraph of page markup, with its **strong** runs."""
    spans = tuple(Span(run, strong=strong) for run, strong in markup.emphasis(value))
    return Para(spans, lang.lang, lang.dir)


def labelled(label: str, value: str, *, href: str | None = None, lang: Lang = NO_LANG) -> Para:
    """"Label: value" with the value as its own span, so a link or a language applies to it."""
    return Para((Span(label + " ", strong=True), Span(value, lang.lang, lang.dir, href)))


def field_paragraphs(ctx: Context, record: ServiceRecord | PageRecord, name: str,
                     value: str | None) -> list[Block]:
    lang = ctx.lang_of(record, name)
    return [text(p, lang) for p in markup.paragraphs(value or "")]


# -- services ---------------------------------------------------------------------------------

REFERRAL_SENTENCES = {
    ReferralRoute.self_referral.value: N_("You can ask for this service yourself."),
    ReferralRoute.professional_referral.value: N_(
        "A professional, such as a teacher, health visitor or doctor, needs to refer you."),
    ReferralRoute.ehc_plan_required.value: N_(
        "This service is for children and young people with an EHC plan."),
    ReferralRoute.local_authority_assessment.value: N_(
        "The council needs to assess your needs before you can use this service."),
    ReferralRoute.open_access.value: N_("Anyone can use this service: you do not need a referral."),
}

DELIVERY_NAMES = {
    "in_person": N_("in person"),
    "online": N_("online"),
    "telephone": N_("by phone"),
    "home_visit": N_("at home"),
}

# SEND Regulations 2014 Schedule 2 paragraph 5, said plainly.
PROVISION_QUESTIONS = {
    "teaching_approach": N_("How children and young people with SEN are taught"),
    "adapting_curriculum": N_("How the curriculum and learning environment are adapted"),
    "additional_support": N_("Additional support for learning"),
    "assessing_progress": N_("How progress is checked and reviewed"),
    "evaluating_effectiveness": N_("How the setting checks its SEN provision works"),
    "access_to_facilities": N_("Access to buildings and facilities"),
    "activities": N_("Activities with other children and young people"),
    "emotional_social_development": N_("Support for emotional and social development"),
    "staff_expertise": N_("Staff expertise and training"),
}


def delivery_code(term_code: str) -> str:
    return term_code.replace("-", "_")


def age_text(ctx: Context, minimum: int | None, maximum: int | None) -> str | None:
    if minimum is not None and maximum is not None:
        return ctx.ngettext("Ages {minimum} to {maximum} year", "Ages {minimum} to {maximum} years",
                            maximum, minimum=minimum, maximum=maximum)
    if minimum is not None:
        return ctx.ngettext("Ages {minimum} year and over", "Ages {minimum} years and over",
                            minimum, minimum=minimum)
    if maximum is not None:
        return ctx.ngettext("Up to {maximum} year old", "Up to {maximum} years old",
                            maximum, maximum=maximum)
    return None


def contact_blocks(ctx: Context, phone: str | None, email: str | None,
                   url: str | None) -> list[Block]:
    blocks: list[Block] = []
    if phone:
        blocks.append(labelled(ctx.gettext("Phone:"), phone, href=phone_href(phone)))
    if email:
        blocks.append(labelled(ctx.gettext("Email:"), email, href=email_href(email)))
    if url:
        blocks.append(labelled(ctx.gettext("Website:"), url, href=web_url(url)))
    return blocks


def service_section(ctx: Context, record: ServiceRecord) -> Section:
    s = record.service
    own = anchor("service", s.id)
    section = Section(text(s.name, ctx.lang_of(record, "name")), own, role="service")
    blocks = section.blocks
    if s.status == ServiceStatus.temporarily_closed.value:
        blocks.append(Para((Span(ctx.gettext("This service is temporarily closed."), strong=True),),
                           role="note"))
    elif s.status in (ServiceStatus.inactive.value, ServiceStatus.defunct.value):
        blocks.append(Para((Span(ctx.gettext("This service is no longer running."), strong=True),),
                           role="note"))
    if s.alternate_name:
        blocks.append(labelled(ctx.gettext("Also called:"), s.alternate_name,
                               lang=ctx.lang_of(record, "alternate_name")))
    blocks += field_paragraphs(ctx, record, "description", s.description)
    if record.organization is not None:
        blocks.append(labelled(ctx.gettext("Run by:"), record.organization.name))
    if s.out_of_area:
        area = s.out_of_area_name or ctx.gettext("another area")
        blocks.append(Para((Span(ctx.gettext("This service is in {area}, outside {home}.",
                                             area=area, home=ctx.home), strong=True),),
                           role="note"))

    def child(title: str, key: str, content: list[Block]) -> None:
        if content:
            section.children.append(Section(text(title), f"{own}-{key}", content))

    who = field_paragraphs(ctx, record, "eligibility_description", s.eligibility_description)
    if ages := age_text(ctx, s.minimum_age, s.maximum_age):
        who.append(text(ages))
    if record.needs:
        who.append(text(ctx.gettext("It supports these needs:")))
        who.append(Bullets(tuple(text(t.name, ctx.term_lang(t)) for t in record.needs)))
    child(ctx.gettext("Who it is for"), "who", who)

    apply = field_paragraphs(ctx, record, "application_process", s.application_process)
    if s.referral_route in REFERRAL_SENTENCES:
        apply.append(text(ctx.gettext(REFERRAL_SENTENCES[s.referral_route])))
    child(ctx.gettext("How to get it"), "apply", apply)
    child(ctx.gettext("How decisions are made"), "decisions",
          field_paragraphs(ctx, record, "decision_process", s.decision_process))

    cost: list[Block] = []
    priced = [c for c in record.cost_options if c.amount]
    if record.is_free:
        cost.append(text(ctx.gettext("It is free.")))
    if priced:
        items = []
        english = ctx.source_lang()  # price names and notes are catalogue text, not translated
        for option in priced:
            label = (Span(option.option + ": ", english.lang, english.dir, strong=True)
                     if option.option else Span(ctx.gettext("Cost") + ": ", strong=True))
            spans = [label, Span(ctx.money(option.amount or 0, option.currency))]
            if option.amount_description:
                spans += [Span(" ("), Span(option.amount_description, english.lang, english.dir),
                          Span(")")]
            items.append(Para(tuple(spans)))
        cost.append(Bullets(tuple(items)))
    cost += field_paragraphs(ctx, record, "fees_description", s.fees_description)
    child(ctx.gettext("Cost"), "cost", cost)
    child(ctx.gettext("When it runs"), "when",
          field_paragraphs(ctx, record, "schedule_description", s.schedule_description))

    where: list[Block] = []
    modes = [ctx.gettext(DELIVERY_NAMES[m]) for m in
             (delivery_code(t.code) for t in record.delivery_modes) if m in DELIVERY_NAMES]
    if modes:
        where.append(labelled(ctx.gettext("How you can use it:"), ", ".join(modes)))
    for place in record.locations:
        loc = place.location
        address = ", ".join(x for x in (loc.address_1, loc.city, loc.postal_code) if x)
        where.append(Para((Span(loc.name, strong=True),) +
                          ((Span(": " + address),) if address else ())))
        if place.accessibility:
            where.append(text(ctx.gettext("Accessibility at {place}:", place=loc.name)))
            where.append(Bullets(tuple(text(a.description, ctx.source_lang())
                                       for a in place.accessibility)))
    child(ctx.gettext("Where"), "where", where)

    if record.languages:
        names = [ctx.language_name(language.code, language.name) for language in record.languages]
        child(ctx.gettext("Languages"), "languages",
              [labelled(ctx.gettext("Offered in:"), ", ".join(names))])

    if record.send_provision:
        provision = Section(text(ctx.gettext("SEN support in this setting")), f"{own}-provision")
        for answer in record.send_provision:
            question = PROVISION_QUESTIONS.get(answer.question)
            if question is None:
                continue
            provision.children.append(Section(
                text(ctx.gettext(question)), f"{own}-{answer.question.replace('_', '-')}",
                [text(p, ctx.source_lang())  # providers' answers are not translated
                 for p in markup.paragraphs(answer.answer)]))
        if provision.children:
            section.children.append(provision)

    contact = contact_blocks(ctx, s.phone, s.email, s.url)
    if s.assured_date:
        contact.append(text(ctx.gettext("We last checked this service on {date}.",
                                        date=ctx.date(s.assured_date)), role="note"))
    child(ctx.gettext("Contact"), "contact", contact)
    return section


# -- information pages -------------------------------------------------------------------------

def page_section(ctx: Context, record: PageRecord) -> Section:
    page = record.page
    own = anchor("page", page.slug or page.id)
    section = Section(text(page.title, ctx.lang_of(record, "title")), own, role="page")
    if page.summary:
        section.blocks.append(text(page.summary, ctx.lang_of(record, "summary"), role="lead"))
    lang = ctx.lang_of(record, "body")
    current = section
    for number, block in enumerate(markup.parse(page.body), start=1):
        if block.kind == "heading":
            current = Section(text(markup.plain(block.text), lang), f"{own}-{number}")
            section.children.append(current)
        elif block.kind == "list":
            current.blocks.append(Bullets(tuple(rich(item, lang) for item in block.items)))
        else:
            current.blocks.append(rich(block.text, lang))
    if page.assured_date:
        current.blocks.append(text(ctx.gettext("We last checked this page on {date}.",
                                               date=ctx.date(page.assured_date)), role="note"))
    return section


# -- documents ---------------------------------------------------------------------------------

def about_section(ctx: Context) -> Section:
    """When the information was checked and how to get it another way: on every document."""
    offer = ctx.document.local_offer
    blocks: list[Block] = []
    if ctx.document.last_checked:
        blocks.append(text(ctx.gettext("We last checked the information in this document on "
                                       "{date}.", date=ctx.date(ctx.document.last_checked))))
    blocks.append(text(ctx.gettext("This document was made on {date}.",
                                   date=ctx.date(ctx.document.generated_on))))
    blocks.append(Para((Span(ctx.gettext("Ask for this in another format"), strong=True),)))
    if offer.different_format:
        blocks += [text(p, ctx.offer_lang("different_format"))
                   for p in markup.paragraphs(offer.different_format)]
    else:
        blocks.append(text(ctx.gettext(
            "You can ask for this information in easy read, large print, another language or "
            "on paper. It is free.")))
    blocks += contact_blocks(ctx, offer.phone, offer.email, offer.url)
    return Section(text(ctx.gettext("About this information")), "about", blocks, role="about")


def group_title(ctx: Context, group_term_name: str | None, has_pages: bool) -> str:
    if group_term_name:
        return group_term_name
    return ctx.gettext("More information") if has_pages else ctx.gettext("Other services")


def build(ctx: Context) -> Outline:
    """The outline of the whole document: root section (the h1), contents, about section."""
    document = ctx.document
    contents: list[ContentsEntry] = []
    if document.kind == "service" and len(document.services) == 1 and not document.pages:
        root = service_section(ctx, document.services[0])
    elif document.kind == "page" and len(document.pages) == 1 and not document.services:
        root = page_section(ctx, document.pages[0])
    else:
        root = Section(text(document.title, ctx.title_lang()), "top", role="document")
        if document.kind == "local_offer" and document.local_offer.description:
            root.blocks += [text(p, ctx.offer_lang("description"), role="lead")
                            for p in markup.paragraphs(document.local_offer.description)]
        groups = ctx.groups()
        flat = len(groups) == 1 and groups[0].term is None
        for number, group in enumerate(groups, start=1):
            members = ([page_section(ctx, p) for p in group.pages] +
                       [service_section(ctx, s) for s in group.services])
            if flat:
                root.children += members
                contents += [ContentsEntry.of(m) for m in members]
                continue
            name = group.term.name if group.term else None
            key = group.term.id if group.term else f"other-{number}"
            title_lang = ctx.term_lang(group.term) if group.term else NO_LANG
            holder = Section(text(group_title(ctx, name, bool(group.pages)), title_lang),
                             anchor("section", key), children=members, role="group")
            if group.term is not None and group.term.description:
                holder.blocks.append(text(group.term.description,
                                          ctx.term_lang(group.term, "description"), role="lead"))
            root.children.append(holder)
            contents.append(ContentsEntry.of(holder, tuple(ContentsEntry.of(m) for m in members)))
    root.children.append(about_section(ctx))
    if contents:
        contents.append(ContentsEntry.of(root.children[-1]))
    return Outline(document.title, root, contents)
