"""Small text helpers shared by the extraction stages, the evaluator and persistence."""

import unicodedata


def strip_accents(text: str) -> str:
    """"Zoë Ó Briain" -> "Zoe O Briain": compatibility-decomposed, combining marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
