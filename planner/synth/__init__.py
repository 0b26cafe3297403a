"""Synthetic regions: a generator whose tables (units, posts, names) are data files beside it."""
