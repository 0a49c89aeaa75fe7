"""Stage 4, render: the page registry, what each page shows, and the templates rendered into staged pages."""
