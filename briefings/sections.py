"""What the briefings app adds to the shared pages (see portal/sections.py)."""
