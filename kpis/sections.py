"""What the kpis app adds to the shared pages (see portal/sections.py)."""
