"""The evaluation set of expected answers and the harness that scores the assistant."""
