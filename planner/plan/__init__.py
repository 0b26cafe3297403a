"""The plan: extraction from a solution, accounting (KPIs, objective terms), and the run folder."""
