"""`make bench`: how fast the portal is on a given database and size.

Every main page is requested as the role that uses it, interleaved with a baseline page (the bare
base layout, same user, same process), and reported as median and 95th percentile with their
ratio to the baseline, query count and response size; plus the reminder sweep, the quarter's
exports, the KPI import and the seed. Timings live here, never in the test suite.

    python -m bench [--agents 5000 --years 3] [--reseed] [--requests 20] [--json bench.json]
    python -m bench --compare before.json after.json
"""
