"""Placement planner for Indonesian regional governments (Pemda)."""
__version__ = "0.1.0"
