"""Access control under AppTest: open without credentials, password gate, OIDC login buttons."""

from __future__ import annotations

import hmac

import pytest
import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitAuthError
from streamlit.testing.v1 import AppTest

import components.access as access
from tests.test_annotate_page import shown

PASSWORD = "correct horse battery staple"
OIDC = """
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "test-cookie-secret"
client_id = "aidlens"
client_secret = "not-a-secret"
server_metadata_url = "https://accounts.example.org/.well-known/openid-configuration"

[auth.partner]
client_id = "partner"
client_secret = "not-a-secret"
server_metadata_url = "https://partner.example.org/.well-known/openid-configuration"
"""


def gate_page() -> None:
    """A page that calls the gate as the Annotate and Data pages do."""
    import streamlit as st

    from components.access import access_gate, can_edit
    from components.state import init_state

    init_state()
    editable = access_gate(key_prefix="ann_")
    st.text(f"editable={editable} can_edit={can_edit()}")


@pytest.fixture
def secrets_file(tmp_path, monkeypatch):
    """Point Streamlit at a secrets.toml of the test's own (absent until written)."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    get_option = config.get_option
    monkeypatch.setattr(
        config, "get_option", lambda key: [str(path)] if key == "secrets.files" else get_option(key)
    )
    monkeypatch.delenv("AIDLENS_PASSWORD", raising=False)
    st.secrets._reset()  # drop secrets parsed before (a developer's own file)
    yield path
    st.secrets._reset()


def write_secrets(path, text: str) -> None:
    """Write a secrets.toml."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run_gate() -> AppTest:
    """Return the gate page after its first run."""
    return AppTest.from_function(gate_page, default_timeout=30).run()


def status(at: AppTest) -> str:
    """Return what the page says about editing."""
    return at.main.text[-1].value


def unlock(at: AppTest, password: str) -> AppTest:
    """Type `password` into the sidebar form and submit it."""
    at.sidebar.text_input(key="ann_password").input(password)
    return at.sidebar.button[0].click().run()


def test_no_secrets_file_and_no_password_is_editable(secrets_file) -> None:
    assert not secrets_file.exists()
    at = run_gate()
    assert not at.exception and not at.error
    assert status(at) == "editable=True can_edit=True"
    assert not at.sidebar.text_input  # no password form


@pytest.mark.parametrize("where", ["secrets.toml", "AIDLENS_PASSWORD"])
def test_password_locks_until_the_right_one(secrets_file, monkeypatch, where) -> None:
    if where == "secrets.toml":
        write_secrets(secrets_file, f'password = "{PASSWORD}"\n')
    else:
        monkeypatch.setenv("AIDLENS_PASSWORD", PASSWORD)
    at = run_gate()
    assert status(at) == "editable=False can_edit=False"
    assert at.sidebar.text_input(key="ann_password").proto.type == 1  # PASSWORD: masked
    unlock(at, "correct horse battery")
    assert "Wrong password" in at.sidebar.error[0].value
    assert status(at) == "editable=False can_edit=False"
    unlock(at, PASSWORD)
    assert not at.exception and not at.error
    assert status(at) == "editable=True can_edit=True"
    assert at.session_state[access.UNLOCKED_KEY] == access.fingerprint(PASSWORD)
    assert PASSWORD not in at.session_state[access.UNLOCKED_KEY]
    assert not at.sidebar.text_input  # the form is gone once unlocked


def test_password_is_compared_in_constant_time(secrets_file, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_PASSWORD", PASSWORD)
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    at = run_gate()
    unlock(at, "guess")
    assert (b"guess", PASSWORD.encode()) in calls
    assert status(at) == "editable=False can_edit=False"


@pytest.mark.parametrize(
    ("given", "expected", "ok"),
    [
        (PASSWORD, PASSWORD, True),
        ("", PASSWORD, False),
        (PASSWORD + " ", PASSWORD, False),
        ("pässwörd", "pässwörd", True),
        ("passwörd", "pässwörd", False),
    ],
)
def test_password_matches(given: str, expected: str, ok: bool) -> None:
    assert access.password_matches(given, expected) is ok


def test_secrets_password_wins_over_the_setting(secrets_file, monkeypatch) -> None:
    write_secrets(secrets_file, 'password = "from-secrets"\n')
    monkeypatch.setenv("AIDLENS_PASSWORD", "from-env")
    at = run_gate()
    unlock(at, "from-env")
    assert status(at) == "editable=False can_edit=False"
    unlock(at, "from-secrets")
    assert status(at) == "editable=True can_edit=True"


def test_lock_again_and_a_changed_password_relocks(secrets_file, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_PASSWORD", PASSWORD)
    at = unlock(run_gate(), PASSWORD)
    at.sidebar.button(key="ann_lock").click().run()
    assert status(at) == "editable=False can_edit=False"
    unlock(at, PASSWORD)
    assert status(at) == "editable=True can_edit=True"
    monkeypatch.setenv("AIDLENS_PASSWORD", "rotated")
    at.run()
    assert status(at) == "editable=False can_edit=False"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("password = [unclosed\n", "could not be read"),
        ("password = 1234\n", "must be a quoted string"),
        ('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n', "names no provider"),
        ('editors = "a@b.org"\n' + OIDC, "must be a list"),
    ],
)
def test_broken_secrets_lock_editing_with_a_message(secrets_file, text, problem) -> None:
    write_secrets(secrets_file, text)
    at = run_gate()
    assert not at.exception
    assert status(at) == "editable=False can_edit=False"
    assert problem in at.sidebar.error[0].value


def test_oidc_signed_out_is_read_only_with_login_buttons(secrets_file, monkeypatch) -> None:
    write_secrets(secrets_file, 'password = "ignored when [auth] is set"\n' + OIDC)
    monkeypatch.setattr(access, "authlib_installed", lambda: True)
    asked = []
    monkeypatch.setattr(st, "login", asked.append)
    at = run_gate()
    assert status(at) == "editable=False can_edit=False"
    assert [b.label for b in at.sidebar.button] == ["Log in", "Log in with partner"]
    assert not at.sidebar.text_input  # [auth] wins over the password
    at.sidebar.button(key="ann_login_default").click().run()
    at.sidebar.button(key="ann_login_partner").click().run()
    assert asked == [None, "partner"]


def test_oidc_login_failure_is_an_error_not_a_traceback(secrets_file, monkeypatch) -> None:
    write_secrets(secrets_file, OIDC)
    monkeypatch.setattr(access, "authlib_installed", lambda: True)

    def failing_login(provider=None):
        raise StreamlitAuthError("client_id is missing")

    monkeypatch.setattr(st, "login", failing_login)
    at = run_gate()
    at.sidebar.button(key="ann_login_default").click().run()
    assert not at.exception
    assert "misconfigured" in at.sidebar.error[0].value
    assert status(at) == "editable=False can_edit=False"


def test_oidc_without_authlib_says_how_to_install_it(secrets_file, monkeypatch) -> None:
    write_secrets(secrets_file, OIDC)
    monkeypatch.setattr(access, "authlib_installed", lambda: False)
    at = run_gate()
    assert status(at) == "editable=False can_edit=False"
    assert "Authlib" in at.sidebar.error[0].value and "pip install" in at.sidebar.error[0].value


def test_oidc_signed_in_can_edit(secrets_file) -> None:
    write_secrets(secrets_file, OIDC)
    at = AppTest.from_function(gate_page, default_timeout=30)
    at.user = {"is_logged_in": True, "name": "<script>alert(1)</script>", "email": "a@b.org"}
    at.run()
    assert status(at) == "editable=True can_edit=True"
    assert at.sidebar.text[0].value == "Signed in as <script>alert(1)</script>"
    assert at.sidebar.button[0].label == "Log out"


def test_reading_stays_open_when_editing_is_locked(secrets_file, monkeypatch, small_data_dir):
    from tests.conftest import ROOT

    monkeypatch.setenv("AIDLENS_PASSWORD", PASSWORD)
    monkeypatch.setenv("AIDLENS_DATA", str(small_data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and not at.error
    assert (
        shown(at.subheader[0].value) == "Hostile <script>alert('title')</script>"
    )  # newest article
    assert not [b for b in at.sidebar.button if b.label == "Unlock"]


@pytest.mark.parametrize(
    ("email", "editors", "ok"),
    [
        ("anyone@example.org", (), True),
        ("Alice@Newsroom.example", ("alice@newsroom.example",), True),
        ("bob@newsroom.example", ("@newsroom.example",), True),
        ("bob@evil.example", ("@newsroom.example",), False),
        ("bob@newsroom.example.evil", ("@newsroom.example",), False),
        ("", ("@newsroom.example",), False),
    ],
)
def test_is_editor(email: str, editors: tuple[str, ...], ok: bool) -> None:
    assert access.is_editor(email, editors) is ok


@pytest.mark.parametrize(("email", "ok"), [("ed@newsroom.example", True), ("x@gmail.com", False)])
def test_oidc_editors_list(secrets_file, email, ok) -> None:
    write_secrets(secrets_file, 'editors = ["@newsroom.example"]\n' + OIDC)
    at = AppTest.from_function(gate_page, default_timeout=30)
    at.user = {"is_logged_in": True, "name": "Ed", "email": email}
    at.run()
    assert status(at) == f"editable={ok} can_edit={ok}"
    assert bool(at.sidebar.warning) is not ok
