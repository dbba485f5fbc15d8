"""The Arabic language core: normalization for matching, sentences, tokens, numbers."""
