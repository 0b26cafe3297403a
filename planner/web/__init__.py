"""The browser front of the planner (``planner serve``): planner.web.app."""
