"""The version that runs: the one `pyproject.toml` gives (also in the image, which copies it)."""

import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def read_version(pyproject: Path = PYPROJECT) -> str:
    """From pyproject.toml beside the code, or from the installed distribution's metadata."""
    if pyproject.is_file():
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    return installed_version("team-portal")


VERSION = read_version()
