"""The round: scenario controls (bans, keeps, reserves, locks) and the objective terms of each pair.

Turns eligibility and the scenario into the solver-neutral `Round`; knows no solver.
"""
