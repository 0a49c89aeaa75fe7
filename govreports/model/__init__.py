"""Stage 3, model: the typed dataset and what follows from it (targets assessed, terms found in the reports, versions)."""
