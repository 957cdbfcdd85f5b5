"""Tests that share an expensive module fixture (`make run`, a private PostgreSQL) are marked
`xdist_group` so that `make test` runs them on one worker and starts the fixture once.

pytest 9.2 keeps a node's id where pytest-xdist 3.8 cannot rename it, so the group names were
dropped, every group was spread over both workers and each worker started `make run` again.
"""

import pytest

pytestmark = pytest.mark.xdist_group("proof_of_grouping")


def test_a_grouped_test_reaches_the_scheduler_under_its_group_name(request):
    # Only a worker of `make test` (--dist loadgroup) renames its tests; one process keeps them.
    grouped = bool(getattr(request.config.option, "loadgroup", False))
    assert request.node.nodeid.endswith("@proof_of_grouping") is grouped
