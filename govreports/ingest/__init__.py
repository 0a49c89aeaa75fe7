"""Adding a new report: register it, guess its figures for a curator, take over what the curator accepted. The build never imports it.

The commands: `add` (with `review`, the review files), `accept`, `remove`, reading files in `files`. The
guesser: `guess`, which reads each figure's kind, year and period (`cues`), qualifiers (`qualifiers`),
indicator (`names`, with the `vocabulary` read from data/), in text (`sentences`) and table rows
(`table_rows`); the figures themselves are those of govreports/load/numbers.py, the coverage count's.
"""
