"""Full-text search over services: FTS5 kept by triggers on SQLite, a tsvector on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FIELDS = ("name", "alternate_name", "description", "eligibility_description")

SQLITE_UP = [
    "CREATE VIRTUAL TABLE service_fts USING fts5(service_id UNINDEXED, "
    + ", ".join(FIELDS)
    + ", tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER service_fts_insert AFTER INSERT ON service BEGIN "
    "INSERT INTO service_fts(service_id, "
    + ", ".join(FIELDS)
    + ") VALUES (new.id, "
    + ", ".join("new." + f for f in FIELDS)
    + "); END",
    "CREATE TRIGGER service_fts_delete AFTER DELETE ON service BEGIN "
    "DELETE FROM service_fts WHERE service_id = old.id; END",
    "CREATE TRIGGER service_fts_update AFTER UPDATE ON service BEGIN "
    "DELETE FROM service_fts WHERE service_id = old.id; "
    "INSERT INTO service_fts(service_id, "
    + ", ".join(FIELDS)
    + ") VALUES (new.id, "
    + ", ".join("new." + f for f in FIELDS)
    + "); END",
    "INSERT INTO service_fts(service_id, "
    + ", ".join(FIELDS)
    + ") SELECT id, "
    + ", ".join(FIELDS)
    + " FROM service",
]

# Name and alternate name weigh most, then the description, then who it is for.
POSTGRES_VECTOR = (
    "setweight(to_tsvector('english', coalesce(name, '') || ' ' || coalesce(alternate_name, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(description, '')), 'B')"
    " || setweight(to_tsvector('english', coalesce(eligibility_description, '')), 'C')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE service ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({POSTGRES_VECTOR}) STORED"
        )
        op.execute("CREATE INDEX ix_service_search ON service USING gin (search_vector)")
    else:
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_service_search")
        op.execute("ALTER TABLE service DROP COLUMN search_vector")
    else:
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER service_fts_{trigger}")
        op.execute("DROP TABLE service_fts")
