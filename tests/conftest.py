import pytest


@pytest.fixture(scope="session")
def nlp():
    from articles.extraction.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttle counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
