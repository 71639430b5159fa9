"""What the sign-in limit tests of the API and of the pages share: low limits, and names of their own."""
import uuid

import pytest


@pytest.fixture
def limits(settings):
    """Three failures per account and six per address in 15 minutes."""
    settings.COFIO_RATE_LOGIN_ACCOUNT = "3/15m"
    settings.COFIO_RATE_LOGIN_ADDRESS = "6/15m"
    return settings


def address() -> str:
    """An address of its own for each test (documentation range), so no other test's counts are seen."""
    return f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"


def name(prefix: str) -> str:
    """A username of its own for each test."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
