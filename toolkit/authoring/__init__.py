"""Stage 4, authoring: what contributors and maintainers run on the records themselves: a new
record from its schema, the canonical layout, synthetic data, and the check of cited pages."""
