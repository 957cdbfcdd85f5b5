"""What the skills app adds to the shared pages (see portal/sections.py)."""
