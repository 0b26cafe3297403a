"""Scenarios: comparing run folders and sweeping a grid of scenario variants."""
