"""Stage 5, publish: MkDocs writes the HTML, the search index and the downloads, and the new site is swapped in."""
