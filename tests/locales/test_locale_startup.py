"""A published language without its compiled catalogue stops start-up, naming the file and the
command that builds it: never a silent fallback to English."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from api.settings import Settings
from renderers import i18n
from services import locales
from services.store import Store


@pytest.fixture
def fresh_translations() -> Iterator[None]:
    """Forget loaded catalogues before and after, so a test's folder is really read."""
    caches = (i18n.load_translations, i18n.catalogue, i18n.environment)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


@pytest.fixture
def without_urdu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 fresh_translations: None) -> Path:
    """The locales folder with every catalogue but Urdu's compiled one."""
    folder = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES_DIR, folder, ignore=shutil.ignore_patterns("content.po*"))
    missing = folder / "ur" / "LC_MESSAGES" / "messages.mo"
    missing.unlink()
    monkeypatch.setattr(i18n, "LOCALES_DIR", folder)
    return missing


def test_every_published_language_has_a_compiled_catalogue() -> None:
    i18n.require_catalogues(loc.code for loc in locales.SUPPORTED)  # `make install` made them


def test_start_up_fails_naming_the_missing_catalogue(without_urdu: Path,
                                                     demo_store: Store) -> None:
    with pytest.raises(i18n.MissingCatalogue) as error:
        create_app(Settings(), store=demo_store)
    message = str(error.value)
    assert str(without_urdu) in message
    assert "make compile-messages" in message
    assert error.value.paths == [without_urdu]


def test_loading_the_language_fails_too(without_urdu: Path) -> None:
    with pytest.raises(i18n.MissingCatalogue):
        i18n.load_translations("ur")
    assert i18n.load_translations("pl").gettext("Contents") == "Spis treści"
    assert type(i18n.load_translations("en-GB")).__name__ == "NullTranslations"


def test_every_missing_catalogue_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(i18n.MissingCatalogue) as error:
        i18n.require_catalogues(["en-GB", "pl", "ar"], tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in error.value.paths] == [
        "pl/LC_MESSAGES/messages.mo", "ar/LC_MESSAGES/messages.mo"]
    assert "are missing" in str(error.value)
