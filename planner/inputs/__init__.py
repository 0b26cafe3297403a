"""Inputs: read a scenario folder (load) and check it across files (validate), every problem located."""
