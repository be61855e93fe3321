"""The one loader behind every pluggable backend (search, downloads, the spam check)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from scriptorium.core.backends import InvalidBackendError, load_backend, reset_backends
from scriptorium.interactions.spam import HeuristicSpamCheck, SpamCheck, spam_check
from scriptorium.search.backends import get_search_backend
from scriptorium.search.backends.base import BaseSearchBackend
from scriptorium.transfer.exports import converters

SETTING = "SCRIPTORIUM_TEST_BACKEND"


class Base:
    def __init__(self, *args: object, **options: object) -> None:
        self.args = args
        self.options = options


class Child(Base):
    pass


class Unrelated:
    pass


@pytest.fixture(autouse=True)
def _forget():
    reset_backends(SETTING)
    yield
    reset_backends(SETTING)


def _load(config: dict, **kwargs: object) -> Base:
    return load_backend(config, base=Base, setting=SETTING, **kwargs)


def test_builds_the_class_with_args_and_options() -> None:
    backend = _load({"BACKEND": f"{__name__}.Child", "OPTIONS": {"size": 3}}, name="x", args=("x",))

    assert type(backend) is Child
    assert backend.args == ("x",)
    assert backend.options == {"size": 3}


def test_a_bad_dotted_path_names_the_setting() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"SCRIPTORIUM_TEST_BACKEND\['x'\]: cannot import .*Nowhere"):
        _load({"BACKEND": f"{__name__}.Nowhere"}, name="x")
    with pytest.raises(ImproperlyConfigured, match="cannot import"):
        _load({"BACKEND": "no_such_module.Backend"})
    with pytest.raises(ImproperlyConfigured, match="SCRIPTORIUM_TEST_BACKEND needs a BACKEND"):
        _load({"OPTIONS": {}})
    with pytest.raises(ImproperlyConfigured, match="must be a dict"):
        _load(f"{__name__}.Child")


def test_a_class_that_does_not_subclass_the_base_is_refused() -> None:
    for path in (f"{__name__}.Unrelated", f"{__name__}.SETTING", "datetime.date"):
        with pytest.raises(InvalidBackendError, match="is not a Base subclass"):
            _load({"BACKEND": path})
    assert issubclass(InvalidBackendError, ImproperlyConfigured)


def test_one_instance_per_value_of_the_setting() -> None:
    config = {"BACKEND": f"{__name__}.Child", "OPTIONS": {"size": 3}}
    first = _load(config)

    assert _load(dict(config)) is first  # an equal value: the same instance
    config["OPTIONS"]["size"] = 4  # the value changed in place: a new one
    assert _load(config) is not first
    assert _load(config).options == {"size": 4}
    assert _load(config, name="other") is not _load(config)  # one per name (alias, format)


def test_changing_the_setting_forgets_its_instances() -> None:
    config = {"BACKEND": f"{__name__}.Child"}
    first = _load(config)
    with override_settings(**{SETTING: {}}):
        second = _load(config)

    assert second is not first
    assert _load(config) is not second  # and again when the override ends


def test_override_settings_takes_effect_for_every_user(settings) -> None:
    with override_settings(SCRIPTORIUM_SPAM_CHECK={"BACKEND": "scriptorium.interactions.spam.SpamCheck"}):
        assert type(spam_check()) is SpamCheck
    assert type(spam_check()) is HeuristicSpamCheck

    with override_settings(
        SCRIPTORIUM_DOWNLOAD_FORMATS={"txt": {"BACKEND": "scriptorium.transfer.exports.text.TextConverter"}}
    ):
        assert list(converters()) == ["txt"]
    assert "epub" in converters()

    default = get_search_backend()
    path = f"{type(default).__module__}.{type(default).__qualname__}"
    with override_settings(SCRIPTORIUM_SEARCH={"default": {"BACKEND": path, "RANK_WINDOW": 7}}):
        assert get_search_backend().params == {"RANK_WINDOW": 7}
        assert get_search_backend() is get_search_backend()
    assert get_search_backend().params == {}

    settings.SCRIPTORIUM_SEARCH = {"default": {"BACKEND": "datetime.date"}}
    with pytest.raises(InvalidBackendError, match=r"SCRIPTORIUM_SEARCH\['default'\]"):
        get_search_backend()
    settings.SCRIPTORIUM_SEARCH = {"other": {"BACKEND": path}}
    with pytest.raises(ImproperlyConfigured, match="no 'default' backend"):
        get_search_backend()
    assert isinstance(get_search_backend("other"), BaseSearchBackend)
