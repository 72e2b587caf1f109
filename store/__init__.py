"""The index store: the on-disk format of index generations (chunks, vectors, BM25, cases),
the switch between them, loading, the writer lock and the population table — read by the
assistant, written by ingest.
"""
