"""What the plans app adds to the shared pages (see portal/sections.py)."""
