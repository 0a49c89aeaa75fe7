"""Build a static site that compares Chinese district government reports across years.

Stages, one module each: load → validate → model → render → publish.
"""
