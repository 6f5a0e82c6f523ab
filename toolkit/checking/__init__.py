"""Stage 3, checking: validation in three passes (JSON Schema, the models, the cross-record
rules in ``rules``), the result cache, and the report in each format."""
