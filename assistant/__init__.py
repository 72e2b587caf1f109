"""Question -> hybrid retrieval -> cited answer (extractive by default)."""
