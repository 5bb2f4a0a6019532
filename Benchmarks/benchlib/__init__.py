"""deltactl benchmark harness: seeded workload generators, a process timer, peers and the report."""
