"""Stage 2, validate: every check of data/, one line per problem."""
