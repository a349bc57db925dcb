"""Content catalogues written for a test: a few demo records translated, the rest left out.

The real `locales/*/content.po` are translators' work in progress, so tests that need to know
exactly what is translated write their own, keyed as `local-offer translations update` keys them.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from services.models import Page, Service
from services.store import Store
from services.translations import ContentCatalogues, key

SERVICE = "svc-a-northgate-nursery-school"
PAGE = "what-is-sen-support"

# What each language translates: the service's name, description and easy-read lines, and the
# page's title. Everything else (eligibility, how to apply, the page body...) stays English.
SERVICE_TEXT: dict[str, dict[str, str]] = {
    "ur": {
        "name": "نارتھ گیٹ نرسری اسکول اور رینبو روم",
        "description": "2 سے 5 سال کے بچوں کے لیے ایک سرکاری نرسری اسکول۔ ہر کمرے میں ایک اہل "
                       "استاد ہوتا ہے۔",
        "easy_read_description": "یہ نرسری اسکول 2 سے 5 سال کے بچوں کے لیے ہے۔\n"
                                 "رینبو روم پیچیدہ ضروریات والے چھوٹے بچوں کے لیے ہے۔\n"
                                 "فنڈ والی جگہیں مفت ہیں۔",
    },
    "ar": {
        "name": "مدرسة نورثغيت للحضانة وغرفة قوس قزح",
        "description": "مدرسة حضانة حكومية للأطفال من عمر 2 إلى 5 سنوات. في كل غرفة معلم مؤهل.",
        "easy_read_description": "مدرسة الحضانة هذه للأطفال من عمر 2 إلى 5 سنوات.\n"
                                 "غرفة قوس قزح للأطفال الصغار ذوي الاحتياجات المعقدة.\n"
                                 "الأماكن الممولة مجانية.",
    },
    "bn": {
        "name": "নর্থগেট নার্সারি স্কুল ও রেইনবো রুম",
        "description": "২ থেকে ৫ বছর বয়সী শিশুদের জন্য একটি সরকারি নার্সারি স্কুল। প্রতিটি ঘরে "
                       "একজন যোগ্য শিক্ষক আছেন।",
        "easy_read_description": "এই নার্সারি স্কুল ২ থেকে ৫ বছর বয়সী শিশুদের জন্য।\n"
                                 "রেইনবো রুম জটিল চাহিদার ছোট শিশুদের জন্য।\n"
                                 "অনুদানের জায়গাগুলো বিনামূল্যে।",
    },
    "pa": {
        "name": "ਨੌਰਥਗੇਟ ਨਰਸਰੀ ਸਕੂਲ ਅਤੇ ਰੇਨਬੋ ਰੂਮ",
        "description": "2 ਤੋਂ 5 ਸਾਲ ਦੇ ਬੱਚਿਆਂ ਲਈ ਇੱਕ ਸਰਕਾਰੀ ਨਰਸਰੀ ਸਕੂਲ। ਹਰ ਕਮਰੇ ਵਿੱਚ ਇੱਕ ਯੋਗ "
                       "ਅਧਿਆਪਕ ਹੁੰਦਾ ਹੈ।",
        "easy_read_description": "ਇਹ ਨਰਸਰੀ ਸਕੂਲ 2 ਤੋਂ 5 ਸਾਲ ਦੇ ਬੱਚਿਆਂ ਲਈ ਹੈ।\n"
                                 "ਰੇਨਬੋ ਰੂਮ ਗੁੰਝਲਦਾਰ ਲੋੜਾਂ ਵਾਲੇ ਛੋਟੇ ਬੱਚਿਆਂ ਲਈ ਹੈ।\n"
                                 "ਫੰਡ ਵਾਲੀਆਂ ਥਾਵਾਂ ਮੁਫ਼ਤ ਹਨ।",
    },
    "pl": {
        "name": "Przedszkole Northgate i Tęczowa Sala",
        "description": "Państwowe przedszkole dla dzieci w wieku od 2 do 5 lat. W każdej sali "
                       "pracuje wykwalifikowany nauczyciel.",
        "easy_read_description": "To przedszkole jest dla dzieci w wieku od 2 do 5 lat.\n"
                                 "Tęczowa Sala jest dla małych dzieci ze złożonymi potrzebami.\n"
                                 "Miejsca finansowane są bezpłatne.",
    },
}
PAGE_TITLE = {
    "ur": "SEN سپورٹ کیا ہے؟",
    "ar": "ما هو دعم SEN؟",
    "bn": "SEN সহায়তা কী?",
    "pa": "SEN ਸਹਾਇਤਾ ਕੀ ਹੈ?",
    "pl": "Czym jest wsparcie SEN?",
}


def write_content_po(folder: Path, locale: str,
                     entries: list[tuple[str, str, str]]) -> Path:
    """A content.po of (key, English, translation) entries, as translators leave it."""
    catalog = Catalog(locale=locale, project="Local Offer content", fuzzy=False)
    for record_key, english, translation in entries:
        catalog.add(english, translation, context=record_key)
    path = folder / locale / "LC_MESSAGES" / "content.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return path


def demo_catalogues(store: Store, folder: Path,
                    locales: tuple[str, ...] = tuple(SERVICE_TEXT)) -> ContentCatalogues:
    """Content catalogues translating SERVICE_TEXT and PAGE_TITLE from the store's English."""
    service = store.get_services([SERVICE])[0]
    page = store.page_by_slug(PAGE)
    assert isinstance(service, Service) and isinstance(page, Page)
    for locale in locales:
        entries = [(key("service", SERVICE, field), getattr(service, field), text)
                   for field, text in SERVICE_TEXT[locale].items()]
        entries.append((key("page", PAGE, "title"), page.title, PAGE_TITLE[locale]))
        write_content_po(folder, locale, entries)
    return ContentCatalogues(folder)
