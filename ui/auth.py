"""Sign-in through an OpenID Connect provider (st.login / st.user / st.logout), when the server has one.

Without an ``[auth]`` section in the secrets the planner is the embedded, one-user app it always was:
``auth_enabled()`` is False, ``identity()`` is None and nothing here draws anything. With ``[auth]``
(README, "Deploying for a team") every visitor signs in first, and the identity that signs their
changes is the e-mail their provider vouches for, never a name they type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, unquote, urlencode

import streamlit as st

from raci.i18n import LANGS, translate
from raci.text import hidden_character, is_clean_text
from ui.safe import md
from ui.text import lang, resolve_lang

MAX_CHARS = 254  # the longest e-mail address SMTP carries; longer names are cut
# How the sign-in buttons name the providers people know; any other [auth.<name>] is shown as written.
PROVIDER_NAMES = {"google": "Google", "microsoft": "Microsoft", "okta": "Okta", "auth0": "Auth0", "github": "GitHub"}
_PROVIDER_KEYS = ("client_id", "server_metadata_url")

# The provider sends everyone back to the app's root, so the link a visitor came by (?plan=...&lang=...)
# would be lost: the sign-in page leaves it in a short-lived cookie and the first signed-in run takes it back.
RETURN_COOKIE, _RETURNED = "raci_return", "_sign_in_returned"
_PLAN_ID = re.compile(r"[23456789abcdefghjkmnpqrstuvwxyz]{10}")  # raci/storage/rows.py's plan ids
_RETURN_JS = f"""export default function (component) {{
    const query = (component.data || {{}}).query;
    if (typeof query === "string") {{
        const age = query ? 900 : 0;  // a quarter of an hour to sign in; "" forgets it
        document.cookie = "{RETURN_COOKIE}=" + encodeURIComponent(query) + "; max-age=" + age
            + "; path=/; SameSite=Lax";
    }}
}}"""
_write_return_cookie = st.components.v2.component("raci_return_cookie", js=_RETURN_JS)


def a(key: str, **params: object) -> str:
    """A text of sign-in (raci/locales/<lang>/auth.json) in the session's language."""
    return translate(f"auth.{key}", lang(), **params)


def _auth_section() -> Mapping | None:
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None
    return section if isinstance(section, Mapping) else None


def auth_enabled() -> bool:
    """True when the server's secrets have an ``[auth]`` section: every visitor must sign in."""
    return _auth_section() is not None


def providers() -> list[str | None]:
    """The providers a visitor can sign in with: None for the unnamed ``[auth]`` one, then each ``[auth.<name>]``."""
    section = _auth_section() or {}
    named = [name for name, value in section.items()
             if isinstance(value, Mapping) and any(key in value for key in _PROVIDER_KEYS)]
    return ([None] if any(key in section for key in _PROVIDER_KEYS) else []) + named


def _clean(text: object) -> str:
    text = " ".join(str(text or "").split())[:MAX_CHARS]
    return text if is_clean_text(text) and hidden_character(text) is None else ""


def _signed_in() -> bool:
    return auth_enabled() and st.user.get("is_logged_in") is True


def _verified_email() -> str:
    """The signed-in user's e-mail, lower-cased; "" when the provider gave none or says it is not verified."""
    verified = st.user.get("email_verified")
    if verified is not None and verified is not True and str(verified).lower() != "true":
        return ""
    email = _clean(st.user.get("email")).lower()
    local, at, domain = email.rpartition("@")
    return email if at and local and "." in domain and " " not in email else ""


def identity() -> tuple[str, str] | None:
    """(e-mail, name) of the signed-in user; None in the embedded default or while nobody is signed in."""
    if not _signed_in() or not (email := _verified_email()):
        return None
    return email, _clean(st.user.get("name")) or email


def sign_out_button() -> None:
    """The "Sign out" button: forgets the identity cookie and ends the session at the provider too."""
    if st.button(a("sign_out"), key="sign_out", icon=":material/logout:"):
        st.logout()


def return_query(text: str | None) -> dict[str, str]:
    """The part of a link worth keeping across sign-in: a well-formed plan id and a known language, nothing else."""
    kept = {}
    for name, value in parse_qsl(unquote(text or "")[:200]):
        if (name == "plan" and _PLAN_ID.fullmatch(value)) or (name == "lang" and value in LANGS):
            kept[name] = value
    return kept


def _remember_return() -> None:
    asked = {name: st.query_params.get(name) or "" for name in ("plan", "lang")}
    query = urlencode(return_query(urlencode(asked)))  # only what _take_return would accept back
    _write_return_cookie(data={"query": query}, key="return_cookie", height=0)


def _take_return() -> None:
    """Once a session, just signed in: back to the link the visitor came by, unless this address names its own."""
    if st.session_state.get(_RETURNED):
        return
    st.session_state[_RETURNED] = True
    kept = return_query(st.context.cookies.get(RETURN_COOKIE))
    if not kept:
        return
    if not any(name in st.query_params for name in ("plan", "lang")):
        st.query_params.update(kept)
        resolve_lang()
    _write_return_cookie(data={"query": ""}, key="return_cookie", height=0)


def _sign_in_page() -> None:
    st.title(a("title"))
    st.write(a("intro"))
    choices = providers()
    if not choices:
        st.error(a("not_configured"))
    for provider in choices:
        label = a("sign_in") if provider is None or len(choices) == 1 else \
            a("sign_in_with", provider=PROVIDER_NAMES.get(provider.lower(), provider))
        if st.button(label, key=f"sign_in_{provider or 'default'}", type="primary", icon=":material/login:"):
            st.login(provider)


def require_sign_in() -> None:
    """With sign-in on: draw the sign-in page (or the refusal) and stop the run unless a usable identity is here."""
    if not auth_enabled():
        return
    if identity() is not None:
        _take_return()
        return
    if _signed_in():  # signed in, but with no verified e-mail to sign changes with
        st.title(a("title"))
        st.warning(a("no_email"), icon=":material/no_accounts:")
        sign_out_button()
    else:
        _remember_return()
        _sign_in_page()
    st.stop()


def signed_in_line() -> None:
    """The sidebar's "Signed in as … · Sign out" (nothing in the embedded default)."""
    if (who := identity()) is None:
        return
    email, name = who
    if name == email:  # the provider gave no name
        st.caption(a("signed_in_as_email", email=md(email)))
    else:
        st.caption(a("signed_in_as", name=md(name), email=md(email)))
    sign_out_button()

