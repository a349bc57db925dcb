"""Faster search: SQLite FTS rows keyed by an integer, and indexes for the public listing.

Reading the text `service_id` column of each FTS match cost more than the match itself; an
integer key table (`service_search_key`) lets the join use rowids. The listing is ordered by
(name, id), which an index serves without sorting; the status index serves its count, and the attribute index now covers term filters.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FIELDS = ("name", "alternate_name", "description", "eligibility_description")
COLUMNS = ", ".join(FIELDS)
NEW = ", ".join("new." + f for f in FIELDS)
KEY = "(SELECT rowid FROM service_search_key WHERE service_id = {}.id)"

SQLITE_UP = [
    "DROP TRIGGER service_fts_insert",
    "DROP TRIGGER service_fts_delete",
    "DROP TRIGGER service_fts_update",
    "DROP TABLE service_fts",
    "CREATE TABLE service_search_key (rowid INTEGER PRIMARY KEY, "
    "service_id VARCHAR NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE service_fts USING fts5({COLUMNS}, "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER service_fts_insert AFTER INSERT ON service BEGIN "
    "INSERT INTO service_search_key(service_id) VALUES (new.id); "
    f"INSERT INTO service_fts(rowid, {COLUMNS}) VALUES ({KEY.format('new')}, {NEW}); END",
    "CREATE TRIGGER service_fts_delete AFTER DELETE ON service BEGIN "
    f"DELETE FROM service_fts WHERE rowid = {KEY.format('old')}; "
    "DELETE FROM service_search_key WHERE service_id = old.id; END",
    "CREATE TRIGGER service_fts_update AFTER UPDATE ON service BEGIN "
    f"DELETE FROM service_fts WHERE rowid = {KEY.format('old')}; "
    f"INSERT INTO service_fts(rowid, {COLUMNS}) VALUES ({KEY.format('new')}, {NEW}); END",
    "INSERT INTO service_search_key(service_id) SELECT id FROM service ORDER BY id",
    f"INSERT INTO service_fts(rowid, {COLUMNS}) SELECT k.rowid, "
    + ", ".join("s." + f for f in FIELDS)
    + " FROM service s JOIN service_search_key k ON k.service_id = s.id",
]


def upgrade() -> None:
    op.create_index("ix_service_name_id", "service", ["name", "id"])
    op.create_index("ix_service_status", "service", ["status"])
    op.drop_index("ix_attribute_term", "attribute")
    op.create_index("ix_attribute_term", "attribute", ["taxonomy_term_id", "link_entity", "link_id"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_service_name_id", "service")
    op.drop_index("ix_service_status", "service")
    op.drop_index("ix_attribute_term", "attribute")
    op.create_index("ix_attribute_term", "attribute", ["taxonomy_term_id", "link_id"])
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER service_fts_{name}")
        op.execute("DROP TABLE service_fts")
        op.execute("DROP TABLE service_search_key")
        # 0002's downgrade expects its own table: recreate it empty with its triggers' owner.
        op.execute(f"CREATE VIRTUAL TABLE service_fts USING fts5(service_id UNINDEXED, {COLUMNS})")
        for name in ("insert", "delete", "update"):
            op.execute(f"CREATE TRIGGER service_fts_{name} AFTER {name.upper()} ON service "
                       "BEGIN SELECT 1; END")
