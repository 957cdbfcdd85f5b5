"""A small OpenID Connect provider for the tests, on 127.0.0.1 (ports 17000-17999), written with joserfc.

It implements the authorization code flow with PKCE (S256) as an identity provider answers it:
`/authorize` redirects back with a code, `/token` exchanges it (client secret and code verifier
checked) for an RS256-signed ID token carrying the nonce, `/userinfo` answers the person's claims for
the access token, `/jwks` publishes the public key. One person signs in: `claims`.
"""

import base64
import hashlib
import json
import os
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

PORTS = range(17000, 18000)


def _free_server(handler) -> ThreadingHTTPServer:
    """A server on the first free port of our range, from an offset per test worker (pytest-xdist)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    offset = (int(worker) if worker.isdigit() else 0) * 100 + os.getpid() % 50
    for port in [*PORTS[offset:], *PORTS[:offset]]:
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
    raise RuntimeError("no free port in 17000-17999")


class Provider:
    def __init__(self, *, client_id: str, client_secret: str, claims: dict):
        self.client_id, self.client_secret, self.claims = client_id, client_secret, claims
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": "test", "use": "sig", "alg": "RS256"}
        )
        self.codes: dict = {}  # code → (nonce, code challenge)
        self.access_tokens: set = set()
        self.server = _free_server(self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
        }

    def _id_token(self, nonce: str) -> str:
        now = int(time.time())
        payload = {
            "iss": self.url,
            "sub": self.claims["sub"],
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": self.claims["email"],
        }
        return jwt.encode({"alg": "RS256", "kid": "test"}, payload, self.key)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    if (
                        query.get("client_id") != provider.client_id
                        or query.get("response_type") != "code"
                    ):
                        return self._json(400, {"error": "invalid_request"})
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = (query.get("nonce", ""), query.get("code_challenge"))
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query["state"]})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                elif url.path == "/jwks":
                    self._json(200, {"keys": [provider.key.as_dict(private=False)]})
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.access_tokens:
                        return self._json(401, {"error": "invalid_token"})
                    self._json(200, provider.claims)
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path != "/token":
                    return self._json(404, {"error": "not_found"})
                nonce, challenge = provider.codes.pop(form.get("code", ""), (None, None))
                verifier = form.get("code_verifier", "")
                computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                if (
                    nonce is None
                    or form.get("client_id") != provider.client_id
                    or form.get("client_secret") != provider.client_secret
                    or (challenge and computed.rstrip(b"=").decode() != challenge)
                ):
                    return self._json(400, {"error": "invalid_grant"})
                access = secrets.token_urlsafe(16)
                provider.access_tokens.add(access)
                self._json(
                    200,
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider._id_token(nonce),
                    },
                )

        return Handler
