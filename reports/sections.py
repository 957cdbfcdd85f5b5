"""What the reports app adds to the shared pages (see portal/sections.py)."""
