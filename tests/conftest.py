import pytest


@pytest.fixture(scope="session")
def nlp():
    from articles.extraction.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()
