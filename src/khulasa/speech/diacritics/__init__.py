"""Diacritization: the diacritizers by name (``diacritizers.py``) and the parts that are ours: marks, chunking, rules.

The model only proposes marks. Everything here makes sure that proposal can
never change what the writer wrote: letters are compared before and after,
the writer's own marks win, and the rules only remove or adjust marks.
"""
