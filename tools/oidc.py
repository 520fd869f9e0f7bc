"""A real OpenID Connect provider on loopback for the sign-in tests, and the app signed in through it.

The provider is the ``oidc-provider-mock`` package (requirements-dev.txt) run as its own process
(``python -m oidc_provider_mock``) on 127.0.0.1. It accepts any client id and secret, so nothing is
registered. Its authorization page has one field, the *subject* of the user who signs in, and an
"Authorize" button; the claims that subject gets (e-mail, name...) are set beforehand with
``Provider.add_user`` (the mock's ``PUT /users/<sub>``). A subject it has never heard of signs in
with just ``{"email": sub}``.

The app gets ``[auth]`` from a secrets file of the test's own, named by Streamlit's
``secrets.files`` option (environment variable ``STREAMLIT_SECRETS_FILES``), so a test never reads
or writes the repository's ``.streamlit/secrets.toml``. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tools.browser import free_port, running_app, serving

CLIENT_ID = "raci-planner-tests"


@dataclass(frozen=True)
class Provider:
    """A running mock provider: its address, and how to give a subject its claims."""

    url: str

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def add_user(self, sub: str, **claims: object) -> None:
        """The claims the provider gives ``sub`` when it signs in (``email=..., name=..., email_verified=True``)."""
        request = urllib.request.Request(f"{self.url}/users/{urllib.parse.quote(sub, safe='')}", method="PUT",
                                         data=json.dumps(claims).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 204, response.status


@contextlib.contextmanager
def oidc_provider(timeout: float = 30) -> Iterator[Provider]:
    """Start the mock provider on a free loopback port; yield it; stop that process."""
    port = free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    provider = Provider(f"http://127.0.0.1:{port}")
    with serving(command, provider.metadata_url, "the OpenID provider", {"NO_COLOR": "1"}, timeout):
        yield provider


def auth_secrets(app_port: int, provider: Provider, names: tuple[str, ...] = ()) -> str:
    """A secrets.toml with ``[auth]`` for an app on ``app_port``: the provider unnamed, or once per name
    (``[auth.<name>]``, one sign-in button each)."""
    lines = ["[auth]", f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"',
             f'cookie_secret = "{secrets.token_hex(32)}"']
    provider_lines = [f'client_id = "{CLIENT_ID}"', f'client_secret = "{secrets.token_hex(16)}"',
                      f'server_metadata_url = "{provider.metadata_url}"']
    if not names:
        return "\n".join(lines + provider_lines) + "\n"
    for name in names:
        lines += ["", f"[auth.{name}]", *provider_lines]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def app_with_sign_in(provider: Provider, folder: Path, env: dict | None = None,
                     names: tuple[str, ...] = ()) -> Iterator[str]:
    """The app as a real server that signs visitors in through ``provider``; its secrets live in ``folder``."""
    port = free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(auth_secrets(port, provider, names), encoding="utf-8")
    with running_app(env={**(env or {}), "STREAMLIT_SECRETS_FILES": str(secrets_file)}, port=port) as url:
        yield url


def sign_in(page, app_url: str, sub: str, button: str = "Iniciar sesión") -> None:  # noqa: ANN001
    """In Playwright: press the app's sign-in ``button``, type ``sub`` on the provider's page, authorize, and
    wait until the app has finished its first run as that user."""
    from tools.browser import wait_idle

    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url("**/oauth2/authorize?**")
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{app_url}/**")
    page.get_by_test_id("stSidebar").wait_for()
    wait_idle(page)
