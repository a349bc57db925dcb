"""Checks staff-written easy-read text against the UK easy-read rules; pure text in, findings out.

Rules: a sentence has at most 15 words; acronyms only from the glossary; numbers as digits; no
abbreviations (e.g., etc., i.e., approx.); no Roman numerals; dates in words, not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renderers.glossary import acronyms
from renderers.i18n import N_, catalogue

MAX_WORDS = 15

RULES = {
    "sentence_length": N_("This sentence has {count} words. Use {max} words or fewer."),
    "acronym": N_("\u201c{word}\u201d is an acronym that is not in the glossary. Say it in full."),
    "number_word": N_("Write {word} as a number: {digit}."),
    "abbreviation": N_("Do not use the abbreviation \u201c{word}\u201d. Say it in full."),
    "roman_numeral": N_("{word} is a Roman numeral. Use a number like 1, 2 or 3."),
    "date_in_figures": N_("Write the date {word} in words, like Monday 3 March 2025."),
}

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1000000, "dozen": 12,
}
# "one" is also a pronoun ("no one", "the one you need"): flag it only when it counts things.
_ONE_COUNTING = re.compile(
    r"\bone\s+(?:year|month|week|day|hour|minute|session|time|child|person|parent|place|visit|"
    r"meeting|term|night|appointment|course|group|school|worker)s?\b", re.IGNORECASE)
_ABBREVIATIONS = re.compile(
    r"(?<!\w)(e\.\s?g\.?|eg\.|i\.\s?e\.?|ie\.|etc\.?|approx\.?|incl\.|esp\.|vs\.?|viz\.?|"
    r"n\.b\.?|NB|a\.k\.a\.?|aka|w/c|c/o|&)(?!\w)",
    re.IGNORECASE)
_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})(?![\d/-]|\.\d)")
_ROMAN = re.compile(r"^(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})$")
_ROMAN_LOWER = re.compile(r"\((?:i{1,3}|iv|v|vi{1,3}|ix|x)\)")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\u201d\u2019]*\s+")


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    excerpt: str


def sentences(text: str) -> list[str]:
    """One idea per line, and sentences within a line; abbreviations do not end sentences."""
    found = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), line)
        for sentence in _SENTENCE_END.split(protected):
            if sentence.strip():
                found.append(sentence.replace("\u2024", ".").strip())
    return found


def words(sentence: str) -> list[str]:
    """Words as a reader counts them: an email address, a price or "9.30am" is one word."""
    return [t for t in re.split(r"\s+", sentence) if _TOKEN.search(t)]


def check(text: str, *, locale: str = "en-GB") -> list[Finding]:
    """Every rule broken in `text`, in reading order of sentences."""
    cat = catalogue(locale)
    allowed = acronyms()
    findings: list[Finding] = []

    def add(rule: str, excerpt: str, **values: object) -> None:
        findings.append(Finding(rule, cat.gettext(RULES[rule]).format(**values), excerpt))

    for sentence in sentences(text):
        count = len(words(sentence))
        if count > MAX_WORDS:
            add("sentence_length", sentence, count=count, max=MAX_WORDS)
        for match in _ABBREVIATIONS.finditer(sentence):
            add("abbreviation", sentence, word=match.group(0))
        for match in _DATE.finditer(sentence):
            add("date_in_figures", sentence, word=match.group(0))
        for match in _ROMAN_LOWER.finditer(sentence):
            add("roman_numeral", sentence, word=match.group(0))
        for match in _ONE_COUNTING.finditer(sentence):
            add("number_word", sentence, word=match.group(0).split()[0], digit=1)
        for token in re.findall(r"[^\W_]+(?:-[^\W_]+)*", sentence):
            if any(c.isdigit() for c in token):
                continue  # a postcode (BF1 2AB), a time (9am) or a code: not a word
            lower = token.lower()
            for part in lower.split("-"):
                if part in NUMBER_WORDS:
                    add("number_word", sentence, word=token, digit=NUMBER_WORDS[part])
                    break
            if _ROMAN.match(token):
                add("roman_numeral", sentence, word=token)
            elif (len(token) > 1 and token.isupper() and token not in allowed
                  and token.rstrip("s") not in allowed and token != "NB"):
                add("acronym", sentence, word=token)
    return findings
