"""Stage 2, reading: finding record files (never through a link), parsing them into plain values
with every position, the JSON Schema exported from the models, and where records reference each
other. Below it: the foundation and the models."""
