"""Plain text: an exact snapshot of a small fixed service, and the format's rules."""

from __future__ import annotations

import re

from renderer_factories import make_booklet, make_document, make_location, make_service_record

from renderers import REGISTRY, RenderOptions

LONG_URL = ("https://speech.brackenford-health.example.org.uk/drop-in/"
            "a-very-long-address-that-will-not-fit-on-one-line")

EXPECTED = """\
Brackenford SEND Local Offer
Brackenford City Council


Ashby Vale Speech and Language Drop-in

A weekly drop-in where families can talk to a speech and language
therapist about how their child communicates.

Run by: Brackenford Community Health NHS Trust


Who it is for

Children under 5 who live in Brackenford, with or without a diagnosis.

Ages 0 to 5 years


How to get it

Come along to a session. You do not need an appointment.

You can ask for this service yourself.


How decisions are made

Everyone who comes is seen. The therapist may offer a referral to the
full speech and language therapy service.


Cost

- Per session: £4.50


When it runs

Tuesdays, 9.30am to 11.30am, term time only


Where

How you can use it: in person

Ashby Vale Family Hub: 12 Mill Lane, Brackenford, BF4 2AB

Accessibility at Ashby Vale Family Hub:

- Step-free entrance


Languages

Offered in: English, Polish


Contact

Phone: 0121 496 0420

Email: speech@brackenford-health.example.org.uk

Website:
https://speech.brackenford-health.example.org.uk/drop-in/a-very-long-address-that-will-not-fit-on-one-line

We last checked this service on Thursday, 12 March 2026.


About this information

We last checked the information in this document on Thursday, 12 March
2026.

This document was made on Sunday, 1 November 2026.

Ask for this in another format

You can ask for any part of the Local Offer in a different way: easy
read, large print, braille, audio or another language. It is free.

Phone: 0121 496 0100

Email: localoffer@brackenford.gov.example

Website: https://localoffer.brackenford.example.org.uk
"""


def small_service() -> str:
    record = make_service_record(
        needs=[], locations=[make_location(accessibility=("Step-free entrance",))],
        costs=(("Per session", 4.5),), languages=(("en", "English"), ("pl", "Polish")),
        url=LONG_URL)
    output = REGISTRY["plain_text"].render(make_document(services=[record]), RenderOptions())
    assert isinstance(output, str)
    return output


def test_snapshot_of_a_small_service() -> None:
    assert small_service() == EXPECTED


def test_lines_wrap_at_72_without_splitting_words() -> None:
    for text in (small_service(), str(REGISTRY["plain_text"].render(make_booklet(),
                                                                      RenderOptions()))):
        for line in text.splitlines():
            assert len(line) <= 72 or " " not in line.strip(), line
        assert LONG_URL in text or "Test service" in text
        assert "\t" not in text and "|" not in text and "+--" not in text and "===" not in text
        assert "<" not in text  # no markup of any kind
        assert text.endswith("\n") and not text.endswith("\n\n")


def test_headings_stand_alone_and_lists_use_dashes() -> None:
    text = str(REGISTRY["plain_text"].render(make_booklet(), RenderOptions()))
    assert "\n\n\nContents\n\n- Health\n  - Test service number 1\n" in text
    assert "\n\n\nWho it is for\n\n" in text
    assert re.search(r"\n- Step-free entrance\n- Hearing loop\n", text)
