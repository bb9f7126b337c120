"""Branching client cases: the format, loading, checks and the graph of choices."""
