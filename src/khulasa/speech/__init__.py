"""Speech: verbalize → diacritize → voice → audio. The pipeline wires the order."""
