"""`GET /`: the page where an editor pastes a draft, served with a Content-Security-Policy that
allows its own inline style and script (by hash) and requests to this server, and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from importlib import resources

from starlette.responses import HTMLResponse

_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)


@dataclass(frozen=True)
class Page:
    html: str
    headers: dict[str, str]

    @classmethod
    def load(cls) -> Page:
        html = resources.files(__package__).joinpath("page.html").read_text(encoding="utf-8")
        hashes: dict[str, list[str]] = {"script": [], "style": []}
        for m in _INLINE.finditer(html):
            digest = base64.b64encode(hashlib.sha256(m.group(2).encode("utf-8")).digest()).decode("ascii")
            hashes[m.group(1)].append(f"'sha256-{digest}'")
        policy = "; ".join(
            [
                "default-src 'none'",
                f"script-src {' '.join(hashes['script'])}",
                f"style-src {' '.join(hashes['style'])}",
                "connect-src 'self'",
                "img-src data:",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
            ]
        )
        headers = {
            "Content-Security-Policy": policy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
        }
        return cls(html, headers)

    def response(self) -> HTMLResponse:
        return HTMLResponse(self.html, headers=self.headers)
