import pytest

from scriptorium.suggest.knowledge import knowledge_forget


@pytest.fixture(autouse=True)
def _fresh_knowledge():
    """Each test starts without the per-process cache (its database differs from the last test's)."""
    knowledge_forget()
    yield
    knowledge_forget()
