"""The parts of diacritization that are ours: letters and marks, chunking, and rules for speech.

The model only proposes marks. Everything here makes sure that proposal can
never change what the writer wrote: letters are compared before and after,
the writer's own marks win, and the rules only remove or adjust marks.
"""
