"""Page generators: each module renders one family of pages as (path, Markdown) pairs."""
