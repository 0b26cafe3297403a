"""Solve: the round as a solver-neutral formulation, its CP-SAT and LP backends, the 1:3 shortlist,
the conflict search, and the strategy that chooses between them (`strategy.solve`)."""
