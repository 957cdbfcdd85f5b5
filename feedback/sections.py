"""What the feedback app adds to the shared pages (see portal/sections.py)."""
