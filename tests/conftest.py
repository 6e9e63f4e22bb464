import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

# No per-example deadline: a slow CI machine must not turn a correct rule into a failure.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")

# Browser test fixtures (pytest -m browser): Playwright + Debian Chromium against the built site
from browser_support import browser, built_site, context, page, server_url  # noqa: E402,F401
