"""The Local Offer catalogue: tables, store, search, seeding. No web framework imports here."""
