"""What the training app adds to the shared pages (see portal/sections.py)."""
