"""Keep credentials embedded in URLs (``https://user:secret@host/repo.git``) out of anything shown or
stored: messages, logs, tables, the workspace clones' ``.git/config``."""

from __future__ import annotations

import re
from urllib.parse import unquote

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/@\s]+)@")
REDACTED = "***"


def redact_url(text: str) -> str:
    """``text`` with the user-info part of every URL in it replaced by ``***``."""
    return _USERINFO.sub(lambda m: f"{m['scheme']}{REDACTED}@", text)


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL without user-info, and the user name and password it carried (None when absent)."""
    m = _USERINFO.search(url)
    if not m or m.start() != 0:
        return url, None, None
    user, _, password = m["userinfo"].partition(":")
    return m["scheme"] + url[m.end():], unquote(user), (unquote(password) if password else None)
