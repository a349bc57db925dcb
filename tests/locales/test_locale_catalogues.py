"""The gettext catalogues: every one compiles and passes check(); the interface is complete in
every language, with every plural form; easy read stays short; messages.pot matches the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from api.cli import main
from services import locales
from services.errors import InvalidInput
from services.translation_status import (
    add_language,
    check_catalogue,
    interface_completeness,
    is_complete,
    read_catalogue,
)
from services.translations import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[2]
THE_EIGHT = ("pl", "ro", "pa", "ur", "pt", "es", "ar", "bn")  # 2021 census order
PO_FILES = sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))
TRANSLATED = [loc.code for loc in locales.SUPPORTED if loc.code != locales.SOURCE_LOCALE]
MAX_EASY_READ_WORDS = 15
EASY_READ_SOURCES = ("renderers/sentences.py", "renderers/glossary.py", "renderers/pictograms.py")
# Sentence ends in our scripts: Latin, Urdu full stop, Devanagari/Bengali/Gurmukhi danda,
# Arabic question mark.
SENTENCE_END = re.compile(r"(?<=[.!?\u06d4\u0964\u061f])\s+")


def test_the_census_languages_are_published_in_order() -> None:
    codes = [loc.code for loc in locales.SUPPORTED]
    assert codes[0] == "en-GB"
    assert codes[1:9] == list(THE_EIGHT)
    for code in THE_EIGHT:
        assert (LOCALES_DIR / code / "LC_MESSAGES" / "messages.po").is_file()
        assert (LOCALES_DIR / code / "LC_MESSAGES" / "content.po").is_file()


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: "/".join(p.parts[-3:]))
def test_catalogue_compiles_and_passes_check(path: Path) -> None:
    """Babel's Catalog.check() (plural form counts, %-formats), `{placeholders}` as in the
    English, and a compile to .mo: for the interface and the content catalogues alike (the
    content ones are being translated now: this checks whatever is there)."""
    assert check_catalogue(path) == []


@pytest.mark.parametrize("locale", TRANSLATED)
def test_interface_is_complete_with_every_plural_form(locale: str) -> None:
    assert interface_completeness(locale) == 100.0
    catalog = read_catalogue(LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po")
    # The header's plural rule is Babel's for the language (Polish 3 forms, Arabic 6, ...).
    assert catalog.plural_forms == Catalog(locale=locale).plural_forms
    for message in catalog:
        if not message.id:
            continue
        assert is_complete(message), message.id
        if message.pluralizable:
            assert len(message.string) == catalog.num_plurals, message.id


def test_polish_and_arabic_plurals_follow_their_rules() -> None:
    from renderers.i18n import load_translations

    ages = ("Ages {minimum} to {maximum} year", "Ages {minimum} to {maximum} years")
    polish = load_translations("pl")
    assert polish.ngettext(*ages, 1).endswith("roku")
    assert polish.ngettext(*ages, 3).endswith("lat") and polish.ngettext(*ages, 25).endswith("lat")
    arabic = load_translations("ar")
    assert arabic.ngettext(*ages, 5).endswith("سنوات")  # 3 to 10: the "few" form
    assert arabic.ngettext(*ages, 18).endswith("سنة")  # 11 to 99: the "many" form


def words(sentence: str) -> list[str]:
    return [w for w in sentence.split() if re.search(r"\w", w)]


@pytest.mark.parametrize("locale", TRANSLATED)
def test_easy_read_sentences_stay_short(locale: str) -> None:
    """UK easy-read guidance: 15 words or fewer a sentence, in every language."""
    catalog = read_catalogue(LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po")
    long = []
    for message in catalog:
        if not message.id or not any(f in EASY_READ_SOURCES for f, _ in message.locations):
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            long += [s for s in SENTENCE_END.split(text) if len(words(s)) > MAX_EASY_READ_WORDS]
    assert long == []


def test_messages_pot_matches_the_code() -> None:
    """Every interface string in the code is in locales/messages.pot and nothing else is:
    a string added without `make messages` would be shown untranslated in every language."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    in_code = {(message, context) for _, _, message, _, context in
               extract_from_dir(str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS)}
    template = read_catalogue(LOCALES_DIR / "messages.pot")
    in_pot = {(m.id, m.context) for m in template if m.id}
    assert in_code == in_pot, "run `make messages`"


def test_check_catalogue_finds_what_translators_break(tmp_path: Path) -> None:
    catalog = Catalog(locale="pl")
    catalog.add("We checked this on {date}.", "Sprawdziliśmy to: {data}.")
    catalog.add(("{n} year", "{n} years"), ("{n} rok", "{n} lata"))  # one of three forms
    catalog.add("It is free.", "Jest bezpłatna.")
    path = tmp_path / "messages.po"
    from babel.messages.pofile import write_po

    with path.open("wb") as handle:
        write_po(handle, catalog)
    problems = "\n".join(check_catalogue(path))
    assert "['data'] differ from the English ['date']" in problems  # a renamed placeholder
    assert "'{n} year': some plural forms are empty" in problems  # Polish needs 3 forms
    assert "It is free." not in problems


def test_adding_a_language_is_one_command_and_one_po_file(tmp_path: Path) -> None:
    for template in ("messages.pot", "content.pot"):
        shutil.copy(LOCALES_DIR / template, tmp_path / template)
    made = add_language("so", tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in made] == [
        "so/LC_MESSAGES/messages.po", "so/LC_MESSAGES/content.po"]
    messages = read_catalogue(made[0])
    assert str(messages.locale) == "so" and messages.num_plurals == 2
    assert len([m for m in messages if m.id]) == len([m for m in read_catalogue(
        tmp_path / "messages.pot") if m.id])
    assert interface_completeness("so", tmp_path) == 0.0
    # The messages.po is what publishes it, after the languages we ship.
    assert locales.published_codes(tmp_path) == ("en-GB", "so")
    assert add_language("so", tmp_path) == []  # never overwrites a translator's work
    with pytest.raises(InvalidInput):
        add_language("xx-not-a-language", tmp_path)
    with pytest.raises(InvalidInput):
        add_language("en", tmp_path)


def test_translations_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translations", "check"]) == 0
    assert "no problems" in capsys.readouterr().out
