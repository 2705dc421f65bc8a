"""The learner's remembered settings: where they live, and that a broken or unwritable file
never stops the tutor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.config import (
    CONFIG_ENV,
    choose_language,
    config_path,
    remember_language,
    remembered_language,
)


def test_a_chosen_language_is_remembered() -> None:
    assert remembered_language() is None
    assert remember_language("ko") is True
    assert remembered_language() == "ko"
    assert remember_language("en") and remembered_language() == "en"


def test_the_order_is_explicit_then_remembered_then_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert choose_language() == "ko"  # nothing remembered: the locale
    remember_language("en")
    assert choose_language() == "en"  # remembered beats the locale
    assert choose_language("ko") == "ko"  # --lang beats both


def test_the_file_lives_under_the_xdg_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CONFIG_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "dltutor" / "config.json"
    remember_language("ko")
    assert (tmp_path / "xdg" / "dltutor" / "config.json").read_text() == '{"language": "ko"}\n'


@pytest.mark.parametrize(
    "content", ["{not json", "[1, 2]", '{"language": "fr"}', "\xff\xfe"], ids=repr
)
def test_an_unreadable_file_is_as_good_as_none(content: str) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_bytes(content.encode("latin-1"))
    assert remembered_language() is None
    assert remember_language("ko") and remembered_language() == "ko"


def test_an_unwritable_place_costs_the_setting_not_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CONFIG_ENV, str(blocker / "dltutor"))
    assert remember_language("ko") is False
    assert remembered_language() is None


def test_other_settings_in_the_file_are_kept() -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('{"future": 1, "language": "en"}')
    remember_language("ko")
    assert config_path().read_text() == '{"future": 1, "language": "ko"}\n'
    assert [p.name for p in config_path().parent.iterdir()] == ["config.json"]


def test_a_fifo_or_a_link_at_the_settings_path_is_never_followed(tmp_path: Path) -> None:
    """A named pipe is not waited on, and a link is not written through (a decoy file
    it points to stays as it was)."""
    import os

    path = config_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert remembered_language() is None  # returns at once: the pipe is never opened
    assert remember_language("ko") is False
    path.unlink()
    decoy = tmp_path / "decoy.txt"
    decoy.write_text("keep me\n")
    path.symlink_to(decoy)
    assert remember_language("ko") is False
    assert decoy.read_text() == "keep me\n" and path.is_symlink()
