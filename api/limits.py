"""Query depth, alias and token limits, with validation rules built once per schema.

Strawberry's QueryDepthLimiter and MaxAliasesLimiter make a new rule class for each extension
instance, i.e. per request, which makes every request miss the validation cache. These rules are
created once, so the (document, rules) cache key repeats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule


def limits_extension(
    *, max_depth: int, max_aliases: int, max_tokens: int
) -> Callable[[], SchemaExtension]:
    rules = (depth_rule(max_depth, None, None), alias_rule(max_aliases))

    class Limits(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            context = self.execution_context
            context.validation_rules = context.validation_rules + rules
            context.parse_options["max_tokens"] = max_tokens
            yield

    return Limits
