"""Stage 1, load: read data/ as it is (tables, glossary, dataset details) and the report texts, split into paragraphs with their figures."""
