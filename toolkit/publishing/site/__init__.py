"""The static site: Markdown pages generated from the records, built by mkdocs-material."""
