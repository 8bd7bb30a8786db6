"""Hypothesis settings for the hostile-input tests.

The default profile is derandomized (the same examples on every run, so that CI is
reproducible and a failure can be replayed) and keeps no example database: nothing is written
into the repository. `HYPOTHESIS_PROFILE=explore` draws new random examples on each run, ten
times as many, for a local hunt for bugs.
"""

import os

from hypothesis import HealthCheck, settings

# Each example is a few requests through the whole stack (about 20–80 ms each): the examples
# per test are chosen in each test; the suite stays under a minute per database.
settings.register_profile(
    "default",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The examples per test are set in each test through tests.hostile.inputs.examples(), which
# multiplies them under this profile.
settings.register_profile("explore", parent=settings.get_profile("default"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
