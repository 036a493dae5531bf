"""Who may edit: reading is open; annotating unlocks with a password or an OIDC login.

Choices (see the README's "Access" section):
- `[auth]` in .streamlit/secrets.toml turns on Streamlit's `st.login` (OIDC); a signed-in user
  may edit, or only those matching `editors` (emails, or "@domain") when that list is set. It
  wins over a password when both are set.
- Otherwise `password` in secrets.toml, else the AIDLENS_PASSWORD setting, unlocks editing for
  the session that types it (compared with hmac.compare_digest, in constant time).
- Neither: editing is open, as on a single-user laptop.
- A secrets file that exists but cannot be read locks editing (fail closed) and says why.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import streamlit as st
from streamlit.errors import StreamlitAuthError, StreamlitSecretNotFoundError

from aidlens import settings

UNLOCKED_KEY = "aidlens_unlocked"  # session key: fingerprint of the password that unlocked
AUTHLIB_HINT = 'pip install "Authlib>=1.3.2" (or streamlit[auth])'
logger = logging.getLogger(__name__)

Mode = Literal["open", "password", "oidc", "broken"]


@dataclass(frozen=True)
class Policy:
    """How editing is gated: open, by password, by OIDC login, or locked by a config problem."""

    mode: Mode
    password: str = field(default="", repr=False)
    providers: tuple[str | None, ...] = ()  # OIDC providers; None is the [auth] default one
    editors: tuple[str, ...] = ()  # OIDC: emails or "@domain" allowed to edit; empty: anyone
    problem: str = ""


def oidc_providers(auth: Mapping[str, Any]) -> tuple[str | None, ...]:
    """Return the providers an `[auth]` section configures: the default one and/or named ones."""
    named = tuple(
        name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value
    )
    return ((None,) if "client_id" in auth else ()) + named


def policy_from(secrets: Mapping[str, Any], env: Mapping[str, str] | None = None) -> Policy:
    """Return the gate that a secrets mapping and the environment ask for."""
    auth = secrets.get("auth")
    if isinstance(auth, Mapping):
        providers = oidc_providers(auth)
        if not providers:
            return Policy("broken", problem="[auth] in secrets.toml names no provider (client_id)")
        editors = secrets.get("editors", [])
        if not isinstance(editors, list) or not all(isinstance(e, str) for e in editors):
            return Policy(
                "broken", problem='editors in secrets.toml must be a list of "quoted" emails'
            )
        return Policy(
            "oidc", providers=providers, editors=tuple(e.strip().lower() for e in editors)
        )
    password = secrets.get("password", "")
    if not isinstance(password, str):
        return Policy("broken", problem="password in secrets.toml must be a quoted string")
    password = password or settings.get("AIDLENS_PASSWORD", env)
    return Policy("password", password=password) if password else Policy("open")


def read_secrets() -> Mapping[str, Any]:
    """Return the app's secrets, empty when there is no secrets file; raise when one is broken."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError as exc:
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return {}
        raise


def current_policy() -> Policy:
    """Return the gate for this run; an unreadable secrets file locks editing."""
    try:
        secrets = read_secrets()
    except StreamlitSecretNotFoundError as exc:
        logger.error("secrets could not be read: %s", exc)
        return Policy("broken", problem=f"the secrets file could not be read: {exc}")
    return policy_from(secrets)


def password_matches(given: str, expected: str) -> bool:
    """Return whether `given` is the password, compared in constant time."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def fingerprint(password: str) -> str:
    """Return what the session keeps once unlocked: a changed password locks it again."""
    return hashlib.sha256(b"aidlens-unlock\0" + password.encode("utf-8")).hexdigest()


def authlib_installed() -> bool:
    """Return whether Authlib, which st.login needs, can be imported."""
    return importlib.util.find_spec("authlib") is not None


def is_editor(email: str, editors: tuple[str, ...]) -> bool:
    """Return whether `email` is on the editors list (an address, or "@domain"); empty: anyone."""
    if not editors:
        return True
    email = email.strip().lower()
    return "@" in email and (email in editors or "@" + email.rsplit("@", 1)[1] in editors)


def _logged_in() -> bool:
    """Return whether st.user is signed in through OIDC."""
    # st.user.is_logged_in exists only once Streamlit sees [auth]; absent means signed out.
    return bool(st.user.get("is_logged_in", False))


def _signed_in_editor(policy: Policy) -> bool:
    """Return whether the signed-in user may edit."""
    return _logged_in() and is_editor(str(st.user.get("email") or ""), policy.editors)


def _unlocked(policy: Policy) -> bool:
    """Return whether this session typed the current password."""
    held = st.session_state.get(UNLOCKED_KEY) or ""
    return bool(held) and hmac.compare_digest(held, fingerprint(policy.password))


def can_edit() -> bool:
    """Return whether this session may change annotations and data."""
    policy = current_policy()
    if policy.mode == "open":
        return True
    if policy.mode == "oidc":
        return _signed_in_editor(policy)
    if policy.mode == "password":
        return _unlocked(policy)
    return False


def _password_form(policy: Policy, key_prefix: str) -> bool:
    """Render the unlock form in the sidebar; return True once the right password is typed."""
    with st.sidebar.form(key_prefix + "unlock", clear_on_submit=True):
        st.markdown("**Editing is locked**")
        given = st.text_input("Password", type="password", key=key_prefix + "password")
        submitted = st.form_submit_button("Unlock")
    if not submitted:
        return False
    if password_matches(given, policy.password):
        st.session_state[UNLOCKED_KEY] = fingerprint(policy.password)
        st.rerun()  # redraw the page editable, without the form
    logger.warning("wrong password typed to unlock editing")
    st.sidebar.error("Wrong password; the pages stay read-only.")
    return False


def _unlocked_panel(key_prefix: str) -> None:
    """Show that editing is unlocked, with a button to lock it again."""
    st.sidebar.success("Editing unlocked")
    if st.sidebar.button("Lock editing", key=key_prefix + "lock"):
        st.session_state[UNLOCKED_KEY] = ""
        st.rerun()


def _login_panel(policy: Policy, key_prefix: str) -> bool:
    """Render log-in (or log-out) buttons in the sidebar; return whether the user is signed in."""
    if _logged_in():
        name = str(st.user.get("name") or st.user.get("email") or "signed in")
        st.sidebar.text(f"Signed in as {name}")  # st.text: a name is never read as Markdown
        allowed = _signed_in_editor(policy)
        if not allowed:
            st.sidebar.warning("This account may read but not edit (not on the editors list).")
        if st.sidebar.button("Log out", key=key_prefix + "logout"):
            st.logout()
        return allowed
    if not authlib_installed():
        st.sidebar.error(f"Log-in is configured but Authlib is missing: {AUTHLIB_HINT}")
        return False
    st.sidebar.caption("Log in to edit; reading stays open.")
    for provider in policy.providers:
        label = "Log in" if provider is None else f"Log in with {provider}"
        if st.sidebar.button(label, key=f"{key_prefix}login_{provider or 'default'}"):
            try:
                st.login(provider)  # None: the default provider of [auth]
            except StreamlitAuthError as exc:
                st.sidebar.error(f"Log-in is misconfigured in secrets.toml: {exc}")
    return False


def access_gate(*, key_prefix: str) -> bool:
    """Render the sidebar controls that unlock editing; return whether this session may edit."""
    policy = current_policy()
    if policy.mode == "open":
        return True
    if policy.mode == "broken":
        st.sidebar.error(f"Editing is locked: {policy.problem}")
        return False
    if policy.mode == "oidc":
        return _login_panel(policy, key_prefix)
    if _unlocked(policy):
        _unlocked_panel(key_prefix)
        return True
    return _password_form(policy, key_prefix)
