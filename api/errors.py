"""How errors reach clients: expected ones with `extensions.code`, the rest masked and logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from graphql import GraphQLError
from services.errors import CatalogueError, InvalidFields

log = logging.getLogger("local_offer.errors")

MASKED_MESSAGE = "Something went wrong on our side. Please try again later."


def classify(error: GraphQLError) -> GraphQLError:
    """Give every error a code; hide the detail of anything we did not expect."""
    original = error.original_error
    if isinstance(original, CatalogueError):
        extensions = {"code": original.code}
        if original.field:
            extensions["field"] = original.field
        return GraphQLError(
            original.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions=extensions,
        )
    if original is None or error.path is None:
        # Before execution (parse, validation, variable coercion): the client's request is
        # wrong, and the message says how. Never logged: variables can hold contact details.
        default = (
            "BAD_USER_INPUT"
            if error.message.startswith("Variable '$")
            else "GRAPHQL_VALIDATION_FAILED"
        )
        code = (error.extensions or {}).get("code") or default
        return GraphQLError(
            error.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={**(error.extensions or {}), "code": code},
        )
    log.error("Unexpected error in %s", error.path, exc_info=original)
    return GraphQLError(
        MASKED_MESSAGE,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": "INTERNAL_SERVER_ERROR"},
    )


def expand(error: GraphQLError) -> list[GraphQLError]:
    """One error per wrong field when an input had several, so a form can show them all."""
    original = error.original_error
    if isinstance(original, InvalidFields):
        return [
            classify(
                GraphQLError(
                    e.message,
                    nodes=error.nodes,
                    source=error.source,
                    positions=error.positions,
                    path=error.path,
                    original_error=e,
                )
            )
            for e in original.errors
        ]
    return [classify(error)]


class ErrorPolicy(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [c for e in result.errors for c in expand(e)]
        pre = self.execution_context.pre_execution_errors
        if pre:
            self.execution_context.pre_execution_errors = [classify(e) for e in pre]
