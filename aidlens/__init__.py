"""AidLens domain package: corpus, NLP pipeline, amounts, annotation store, exports and CLI.

Nothing here imports Streamlit; the UI lives in ``components/``.
"""

__version__ = "0.1.0"
