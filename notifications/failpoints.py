"""Failpoints: named places in the sweep where a fault test makes the process fail for real.

Off unless the environment variable REMINDER_FAILPOINTS is set, for example
`REMINDER_FAILPOINTS="after_send=kill@37"`: at the 37th time the sweep passes the
failpoint `after_send` the process kills itself with SIGKILL (no cleanup runs,
exactly as when the kernel or an orchestrator kills a worker). Several are
separated by commas. Actions:

- `kill` — SIGKILL this process;
- `pause:<file>` — wait until <file> exists (at most two minutes), writing
  `<file>.reached` first, so a test can run another sweep meanwhile;
- `drop_db` — cut this process's database connection under Django's feet;
- `raise` — raise FailpointError.

Without `@n` the action fires every time. Tests in the same process can also
set the variable with monkeypatch and call `reset()`.
"""

import os
import signal
import time
from collections import Counter
from pathlib import Path

ENV = "REMINDER_FAILPOINTS"
_hits: Counter = Counter()


class FailpointError(BaseException):
    """Like a crash, it is not caught by the sweep's error handling (only `finally` blocks run)."""


def reset() -> None:
    _hits.clear()


def hit(name: str) -> None:
    spec = os.environ.get(ENV)
    if not spec:
        return
    _hits[name] += 1
    for item in spec.split(","):
        point, _, action = item.strip().partition("=")
        if point != name:
            continue
        action, _, nth = action.partition("@")
        if nth and int(nth) != _hits[name]:
            continue
        _fire(action)


def _fire(action: str) -> None:
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action.startswith("pause:"):
        path = Path(action.removeprefix("pause:"))
        Path(f"{path}.reached").touch()
        deadline = time.monotonic() + 120
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    elif action == "drop_db":
        _drop_database_connection()
    elif action == "raise":
        raise FailpointError("failpoint")


def _drop_database_connection() -> None:
    """Break the live connection without telling Django, as a network cut or a database restart would."""
    from django.db import connection

    if connection.connection is None:
        return
    if connection.vendor == "postgresql":
        import psycopg2

        pid = connection.connection.get_backend_pid()
        settings = connection.get_connection_params()
        other = psycopg2.connect(**settings)
        try:
            other.autocommit = True
            other.cursor().execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            other.close()
    else:
        connection.connection.close()
