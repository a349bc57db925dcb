"""The copied ORUK and HSDS schema files are complete, licensed, and the same as shared/'s."""

from __future__ import annotations

import pytest
from oruk_schemas import COPIED, SHARED, VENDORED, Schemas

from services import openreferral as oruk
from services.documents import ServiceRecord
from services.models import Service, Taxonomy, TaxonomyTerm


def test_every_copied_file_is_here_with_its_provenance() -> None:
    missing = [rel for rel in COPIED if not (VENDORED / rel).is_file()]
    assert not missing
    provenance = (VENDORED / "PROVENANCE.md").read_text("utf-8")
    assert "CC BY-SA 4.0" in provenance
    for rel in COPIED:
        assert rel.split("/")[-1] in provenance or rel.endswith("LICENSE"), rel


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/openreferral is not beside the repo")
@pytest.mark.parametrize("relative", COPIED)
def test_copies_match_shared(relative: str) -> None:
    assert (VENDORED / relative).read_bytes() == (SHARED / relative).read_bytes()


def test_the_copies_alone_validate_the_feed() -> None:
    """What runs when shared/ is missing: the copies must resolve their $refs by themselves."""
    schemas = Schemas(VENDORED)
    taxonomy = Taxonomy(id="send-needs", name="SEND needs", description="Areas of need.")
    term = TaxonomyTerm(id="autism", taxonomy_id="send-needs", code="autism", name="Autism")
    service = Service(id="svc-t", organization_id="org-t", name="Test", email="a@example.org.uk")
    record = ServiceRecord(service, None, [], [], [term], [], [], [], [])
    schemas.check(oruk.service_full(record, taxonomies={taxonomy.id: taxonomy}),
                  "uk/service", "hsds/service")
    schemas.check(oruk.service_summary(service, None), "uk/service_list", "hsds/service_list")
    schemas.check(oruk.taxonomy_record(taxonomy, [term]), "uk/taxonomy", "hsds/taxonomy")
    schemas.check(oruk.taxonomy_term_record(term, taxonomy), "uk/taxonomy_term",
                  "hsds/taxonomy_term")
