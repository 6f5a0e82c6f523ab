"""Stage 6, publishing: the datasets (``exporters``), the site (``site``) and the build that
writes both; ``preview`` serves the site while records are edited."""
