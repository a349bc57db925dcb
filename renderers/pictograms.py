"""Pictograms for easy read: the single table of ideas, their picture and its alt text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from renderers.i18n import N_

PICTOGRAM_DIR = Path(__file__).resolve().parent / "static" / "pictograms"


@dataclass(frozen=True)
class Pictogram:
    file: str
    alt: str  # msgid: what the picture shows, said the same way wherever it is used


# One idea, one picture: the same idea gets the same picture in every document.
PICTOGRAMS: dict[str, Pictogram] = {
    "about": Pictogram("info-circle.svg", N_("Information")),
    "age": Pictogram("friends.svg", N_("Children and young people")),
    "needs": Pictogram("puzzle.svg", N_("Needs")),
    "free": Pictogram("currency-pound-off.svg", N_("Free")),
    "cost": Pictogram("currency-pound.svg", N_("Money")),
    "self_referral": Pictogram("user-check.svg", N_("Ask for yourself")),
    "professional_referral": Pictogram("stethoscope.svg", N_("A professional")),
    "ehc_plan": Pictogram("file-certificate.svg", N_("EHC plan")),
    "assessment": Pictogram("clipboard-check.svg", N_("Checking what you need")),
    "open_access": Pictogram("door-enter.svg", N_("Just go")),
    "online": Pictogram("device-laptop.svg", N_("Computer")),
    "telephone": Pictogram("phone.svg", N_("Phone")),
    "in_person": Pictogram("building-community.svg", N_("A building")),
    "home_visit": Pictogram("home.svg", N_("Home")),
    "out_of_area": Pictogram("map-2.svg", N_("Map")),
    "place": Pictogram("map-pin.svg", N_("Place")),
    "access": Pictogram("wheelchair.svg", N_("Wheelchair")),
    "time": Pictogram("clock.svg", N_("Clock")),
    "email": Pictogram("mail.svg", N_("Email")),
    "website": Pictogram("world-www.svg", N_("Website")),
    "languages": Pictogram("language.svg", N_("Languages")),
    "checked": Pictogram("calendar-check.svg", N_("Calendar")),
    "other_format": Pictogram("file-description.svg", N_("A document")),
    "contact": Pictogram("message-circle.svg", N_("Talking")),
    "glossary": Pictogram("book-2.svg", N_("Book")),
    "closed": Pictogram("lock.svg", N_("Closed")),
    "complaint": Pictogram("message-report.svg", N_("Complaint")),
    "school": Pictogram("school.svg", N_("School")),
    "health": Pictogram("first-aid-kit.svg", N_("Health")),
    "transport": Pictogram("bus.svg", N_("Bus")),
    "support": Pictogram("heart-handshake.svg", N_("Help")),
    "tribunal": Pictogram("gavel.svg", N_("Court")),
}

# Staff-written sentences get a picture from what they talk about; first match wins, so the
# more specific ideas come first. Anything else gets the general "about" picture.
KEYWORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), idea) for pattern, idea in (
        (r"\bEHC plans?\b|\bEHCP\b", "ehc_plan"),
        (r"\btribunal|\bappeal|\bmediation\b", "tribunal"),
        (r"\bcomplain", "complaint"),
        (r"\bfree\b", "free"),
        (r"\bcosts?\b|\bpay\b|£", "cost"),
        (r"\bphone\b|\bcall\b|\bring\b|\btext us\b", "telephone"),
        (r"\bemail\b", "email"),
        (r"\bwebsite\b|\bonline\b|\binternet\b|\bvideo\b", "online"),
        (r"\bwheelchair|\bstep-free\b|\baccessible\b", "access"),
        (r"\bbus\b|\btransport\b|\btravel\b|\btaxi\b", "transport"),
        (r"\bdoctors?\b|\bnurses?\b|\bhospital|\bhealth\b|\bGP\b|\bNHS\b|\btherap", "health"),
        (r"\bschool|\bcollege|\bnursery|\bteacher|\blearn", "school"),
        (r"\bat home\b|\byour home\b|\bvisit you\b", "home_visit"),
        (r"\bopen\b|\bmonday|\btuesday|\bwednesday|\bthursday|\bfriday|\bsaturday|\bsunday"
         r"|\bholidays?\b|\bweek|\bmonth|\bam\b|\bpm\b|\d(?:am|pm)\b", "time"),
        (r"\bage[sd]?\b|\byoung people\b|\bchildren\b", "age"),
        (r"\bhelp|\bsupport|\badvice\b", "support"),
    )
)


def idea_for(text: str) -> str:
    """The idea a staff-written sentence is about, for choosing its picture."""
    for pattern, idea in KEYWORDS:
        if pattern.search(text):
            return idea
    return "about"


@cache
def _svg_body(file: str) -> str:
    """The file's drawing without its root element; the root is rebuilt with accessible names."""
    text = (PICTOGRAM_DIR / file).read_text(encoding="utf-8")
    match = re.fullmatch(r"\s*<svg\b[^>]*>(.*)</svg>\s*", text, re.DOTALL)
    if match is None:  # pragma: no cover - the shipped files are checked by a test
        raise ValueError(f"Not a simple SVG: {file}")
    return match.group(1)


def inline_svg(idea: str, alt: str) -> Markup:
    """The pictogram as inline SVG with its alt text as <title> (WeasyPrint tags it as the
    Figure's /Alt) and aria-label (browsers), so documents need no image requests."""
    picture = PICTOGRAMS[idea]
    label = escape(alt)
    return Markup(
        '<svg class="pictogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" '
        'width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round" role="img" focusable="false" '
        f'aria-label="{label}"><title>{label}</title>{_svg_body(picture.file)}</svg>'
    )
