"""Files the planner writes: text cells that cannot run as formulas, folders that appear whole.

The lowest layer of the planner: no other package of it is imported here, so that every
writer (run folder, report pack, comparison, sweep) can use it.
"""
