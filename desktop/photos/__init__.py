"""Photos of a release: decoded and re-encoded without metadata, described, limited, thumbnailed.

This package uses Pillow alone and knows nothing of the database: it sits low in the layer order,
beside desktop.document (releases stores the photos; export places them).
"""
