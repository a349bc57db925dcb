"""Hard words: the single table of terms easy read shows in bold and explains at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from renderers.i18n import N_, Catalogue


@dataclass(frozen=True)
class HardWord:
    """A term, the other forms it takes in text, and a plain explanation (all msgids)."""

    key: str
    term: str
    explanation: str
    forms: tuple[str, ...] = ()
    # Acronyms match only in capitals, so "gp" inside other words or "Sen" as a name do not.
    case_sensitive: bool = False


# Explanations follow the easy-read rules themselves: short sentences, other hard words only
# where they are explained here too. Longer forms come before shorter ones that they contain.
GLOSSARY: tuple[HardWord, ...] = (
    HardWord("ehc-needs-assessment", N_("EHC needs assessment"),
             N_("When the council finds out what help a child or young person needs. "
                "It can lead to an EHC plan."),
             forms=(N_("EHC needs assessments"),), case_sensitive=True),
    HardWord("ehc-plan", N_("EHC plan"),
             N_("A plan that says what help a child or young person must get. "
                "EHC means education, health and care."),
             forms=(N_("EHC plans"), N_("EHCP")), case_sensitive=True),
    HardWord("sendiass", N_("SENDIASS"),
             N_("A free service that gives advice about SEND. "
                "It is separate from the council."),
             case_sensitive=True),
    HardWord("senco", N_("SENCO"),
             N_("The teacher who makes sure children with SEN get the right help."),
             forms=(N_("SENCOs"), N_("SENCo")), case_sensitive=True),
    HardWord("send", N_("SEND"),
             N_("Special educational needs and disabilities."),
             case_sensitive=True),
    HardWord("sen", N_("SEN"),
             N_("Special educational needs. "
                "This means a child finds learning harder than most children."),
             case_sensitive=True),
    HardWord("camhs", N_("CAMHS"),
             N_("The NHS service that helps children and young people with their feelings."),
             case_sensitive=True),
    HardWord("gp", N_("GP"), N_("Your family doctor."), forms=(N_("GPs"),),
             case_sensitive=True),
    HardWord("nhs", N_("NHS"),
             N_("The National Health Service. It gives health care that is mostly free."),
             case_sensitive=True),
    HardWord("tribunal", N_("tribunal"),
             N_("A kind of court. "
                "It decides when families and the council do not agree."),
             forms=(N_("tribunals"),)),
    HardWord("mediation", N_("mediation"),
             N_("A meeting with a helper who does not take sides. "
                "It helps people who disagree find an answer."),
             forms=(N_("mediator"),)),
    HardWord("short-breaks", N_("short breaks"),
             N_("Time for disabled children to do fun things. "
                "It also gives their families a rest."),
             forms=(N_("short break"),)),
    HardWord("personal-budget", N_("personal budget"),
             N_("Money for your support. You help decide how to spend it."),
             forms=(N_("personal budgets"),)),
    HardWord("direct-payment", N_("direct payment"),
             N_("Money the council gives you to buy support yourself."),
             forms=(N_("direct payments"),)),
    HardWord("annual-review", N_("annual review"),
             N_("A meeting once a year to check an EHC plan is still right."),
             forms=(N_("annual reviews"),)),
    HardWord("occupational-therapy", N_("occupational therapy"),
             N_("Help to do everyday things like dressing, writing and playing."),
             forms=(N_("occupational therapist"), N_("occupational therapists"))),
    HardWord("speech-and-language-therapy", N_("speech and language therapy"),
             N_("Help with talking, listening, understanding and eating."),
             forms=(N_("speech and language therapist"), N_("speech and language therapists"))),
    HardWord("local-offer", N_("Local Offer"),
             N_("The council's guide to help for children and young people with SEND.")),
)

BY_KEY = {word.key: word for word in GLOSSARY}


def acronyms() -> frozenset[str]:
    """Every capitalised form in the table: the acronyms easy read may use (English source)."""
    found: set[str] = set()
    for word in GLOSSARY:
        for form in (word.term, *word.forms):
            found.update(t for t in re.findall(r"[A-Za-z]+", form) if t.isupper() and len(t) > 1)
    return frozenset(found)


@dataclass(frozen=True)
class Segment:
    """A run of text; `word` is set when the run is a hard word."""

    text: str
    word: HardWord | None = None


@lru_cache(maxsize=64)
def _matcher(locale: str) -> tuple[re.Pattern[str], dict[str, HardWord]]:
    catalogue = Catalogue(locale)
    alternatives: list[tuple[str, str, bool]] = []
    for word in GLOSSARY:
        for form in (word.term, *word.forms):
            alternatives.append((catalogue.gettext(form), word.key, word.case_sensitive))
    # Longest first so "EHC plans" wins over "EHC plan", and "SENDIASS" over "SEND".
    alternatives.sort(key=lambda item: -len(item[0]))
    parts, owners = [], {}
    for index, (text, key, case_sensitive) in enumerate(alternatives):
        group = f"g{index}"
        body = re.escape(text).replace(r"\ ", r"\s+")
        parts.append(f"(?P<{group}>{body})" if case_sensitive else f"(?P<{group}>(?i:{body}))")
        owners[group] = BY_KEY[key]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")
    return pattern, owners


def segments(text: str, locale: str) -> list[Segment]:
    """Split text into plain runs and hard words, so templates can bold them without markup."""
    pattern, owners = _matcher(locale)
    result: list[Segment] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            result.append(Segment(text[position:match.start()]))
        result.append(Segment(match.group(0), owners[match.lastgroup or ""]))
        position = match.end()
    if position < len(text):
        result.append(Segment(text[position:]))
    return result
