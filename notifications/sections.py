"""What the notifications app adds to the shared pages (see portal/sections.py)."""
