"""Making and recognising token secrets: `tp_` and 43 URL-safe characters (256 bits)."""

import hashlib
import secrets

PREFIX = "tp_"
SHOWN = 10  # characters kept in clear to tell tokens apart in lists


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def looks_like_token(secret: str) -> bool:
    return secret.startswith(PREFIX) and 20 <= len(secret) <= 100 and secret.isascii()
