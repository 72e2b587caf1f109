"""Documents -> normalized, structured, cited chunks -> indexes (Chroma + BM25)."""
