"""Demo data of the plans app (called by `manage.py seed_demo` after the apps it builds on)."""


def seed(*, demo, rng, today):
    """Add this app's part of the demo service center; `demo` is people.demo.DemoPeople."""
