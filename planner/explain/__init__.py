"""Explanations for the committee, read from a run folder; counterfactual re-solves are wired in by the API."""
