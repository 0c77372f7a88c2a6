"""Pure-Python extraction of article structure, people, quotes and topics (no Django imports)."""
