"""Streamlit UI pieces, one module each; they call `aidlens`, never the other way round."""
