"""What the reviews app adds to the shared pages (see portal/sections.py)."""
