"""The names the code relies on, each defined once: the ids the rules give or read (their labels,
colours and order are data, in data/*.csv), the form of an id, and the years a report may speak of."""
import re

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # ids and slugs: lower-case words joined by hyphens
YEARS = range(1949, 2101)

RULE_STATUSES = ("met", "within-tolerance", "missed", "not-comparable", "no-result", "awaiting")  # data/statuses.csv
VALUE_KINDS = ("target", "estimate", "result")  # what the rules set against each other (data/value-kinds.csv)
BOUNDS = ("floor", "ceiling", "approximate")  # how the rule can read a qualifier (data/qualifiers.csv: bound)
VERDICTS = ("met", "missed")  # what a report itself says of a target it set
CHANGE_KINDS = ("renamed", "redefined", "discontinued")  # how an indicator replaced its predecessor (indicators.csv)
# How a target moved from the one before (data/target-changes.csv); the last two only between two reports.
TARGET_CHANGES = ("raised", "lowered", "kept", "reworded", "not-comparable", "new", "not-repeated")
AMBITIONS = ("more", "less", "same")  # the later target against the earlier (data/ambitions.csv)
