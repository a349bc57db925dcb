"""GraphQL side of renditions: the format enum (from the renderer registry) and the result type."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import Context
from api.renditions import Rendition as RenditionResult
from api.renditions import Request
from renderers import REGISTRY
from services import locales
from services.errors import InvalidInput

# Derived from the registry: a new renderer module is a new format here, with no other change.
RenderFormat = strawberry.enum(  # type: ignore[call-overload]
    Enum(  # type: ignore[misc]
        "RenderFormat",
        {
            name.upper(): strawberry.enum_value(name, description=renderer.description)
            for name, renderer in REGISTRY.items()
        },
    ),
    description="A format the Local Offer can be rendered in; one per renderer.",
)


@strawberry.input(description="Choices about a rendition.")
class RenditionOptions:
    font_size_pt: int | None = strawberry.field(
        default=None, description="Large print body size in points, 16 to 28 (default 18)."
    )


# The arguments every rendition field takes, declared once.
FormatArgument = Annotated[
    RenderFormat,  # type: ignore[valid-type]
    strawberry.argument(description="The format to render."),
]
LocaleArgument = Annotated[
    str | None, strawberry.argument(description="Language; default: the request's.")
]
OptionsArgument = Annotated[
    RenditionOptions | None,
    strawberry.argument(description="Choices such as the large print size."),
]


@strawberry.type(description="A document rendered in one format and language.")
class Rendition:
    format: RenderFormat = strawberry.field(description="The format.")  # type: ignore[valid-type]
    media_type: str = strawberry.field(description="MIME type of the file.")
    locale: str = strawberry.field(description="The language it was rendered in.")
    sha256: str = strawberry.field(description="SHA-256 of the file, hex; also its ETag.")
    byte_size: int = strawberry.field(description="Size of the file in bytes.")
    text: str | None = strawberry.field(
        description="The document itself, for text formats (HTML and plain text); null for PDF."
    )
    url: str = strawberry.field(description="Where to download it (relative to this API).")


async def render(
    info: Info[Context, None],
    subject_type: str,
    ids: tuple[str, ...],
    format: Enum,
    locale: str | None,  # noqa: A002
    options: RenditionOptions | None,
) -> Rendition:
    """Render (or fetch from the cache) and describe the result."""
    renditions = info.context.renditions
    assert renditions is not None, "create_app makes one Renditions per app"
    if locale is not None and locale not in locales.BY_CODE:
        raise InvalidInput(
            f"Unsupported locale {locale!r}. Supported: {', '.join(locales.BY_CODE)}.",
            field="locale",
        )
    request = Request(
        subject_type,
        ids,
        format.value,
        locale or info.context.locale,
        options.font_size_pt if options else None,
    )
    try:
        result: RenditionResult = await renditions.get(request)
    except InvalidInput as error:
        if error.field == "font_size_pt":  # the renderer's name for the GraphQL option
            raise InvalidInput(error.message, field="options.fontSizePt") from error
        raise
    return Rendition(
        format=format,
        media_type=result.media_type,
        locale=result.locale,
        sha256=result.sha256,
        byte_size=result.byte_size,
        text=result.text,
        url=request.path(),
    )
