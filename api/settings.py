"""Settings from LOCAL_OFFER_* environment variables, read once into a frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

DEFAULT_DATABASE_URL = "sqlite:///var/local-offer.db"


@dataclass(frozen=True)
class Settings:
    """Each field is read from LOCAL_OFFER_<FIELD NAME IN CAPITALS>."""

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    default_locale: str = "en-GB"
    max_page_size: int = 100
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    log_level: str = "info"
    sql_echo: bool = False
    render_concurrency: int = 2
    render_queue: int = 32
    render_cache_mb: int = 256
    # Staff work (issue 5).
    review_interval_months: int = 12  # a service is due for review this long after a check
    request_answer_working_days: int = 10  # answer-by date for a request for another format
    purge_after_days: int = 90  # contact details go this long after a request or comment closes
    public_mutations_per_minute: int = 10  # per client address and worker process; 0: no limit

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"LOCAL_OFFER_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            if f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("bool", bool):
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            else:
                values[f.name] = raw
        return cls(**values)  # type: ignore[arg-type]
