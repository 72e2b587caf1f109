"""The web server around the Gradio UI (Gradio runs on FastAPI): security headers, the Japanese
locale, and the original documents, served from the corpus folder only.

Passed to `launch(app_kwargs=…)` so the middleware and the route exist before the server starts.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from core.models import Source

# Only this app's own origin: no remote scripts, images, fonts or frames (the app is offline).
# Gradio's page needs inline scripts and styles of its own.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
SECURITY_HEADERS = [
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
# Gradio picks its own language from the browser; an office PC set to English would get
# English buttons and messages. This runs before Gradio's scripts, so it chooses Japanese.
FORCE_JAPANESE = (
    b"<script>try{Object.defineProperty(navigator,'language',{get:()=>'ja'});"
    b"Object.defineProperty(navigator,'languages',{get:()=>['ja']});}catch(e){}</script>"
)
SERVED_SUFFIXES = {".pdf": "application/pdf", ".md": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


class SecurityHeaders:
    """ASGI middleware: security headers on every response; the Japanese locale on the page itself."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = scope["method"] == "GET" and scope["path"] in ("/", "")
        start: dict = {}

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                message = {**message, "headers": headers + SECURITY_HEADERS}
                if page and _is_html(headers):
                    start.update(message)  # held back until the body is rewritten
                    start["body"] = b""
                    return
            elif message["type"] == "http.response.body" and start:
                start["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                body = start.pop("body").replace(b"<head>", b"<head>" + FORCE_JAPANESE, 1)
                headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                await send({**start, "headers": headers + [(b"content-length", str(len(body)).encode())]})
                start.clear()
                message = {"type": "http.response.body", "body": body}
            await send(message)

        await self.app(scope, receive, sending)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)


def corpus_route(corpus_dir: Path, sources: Callable[[], dict[str, Source]]) -> Route:
    """GET /corpus/<path>: a document of the index, from the corpus folder only.

    Only paths that the current index lists as sources are served (never sources.toml, a
    credentials file or anything reached through `..`); with login on, only to a logged-in user.
    """

    async def serve(request: Request) -> Response:
        if not _logged_in(request):
            return PlainTextResponse("ログインしてください。", status_code=401)
        wanted = unquote(request.path_params["path"])
        root = corpus_dir.resolve()
        target = (root / wanted).resolve()
        listed = {source.path for source in sources().values()}
        if (
            ".." in Path(wanted).parts
            or not target.is_relative_to(root)
            or wanted not in listed
            or not target.is_file()
        ):
            return PlainTextResponse("資料が見つかりません（コーパスにある資料だけを表示できます）。", status_code=404)
        kind = (
            SERVED_SUFFIXES.get(target.suffix.lower())
            or mimetypes.guess_type(target.name)[0]
            or "application/octet-stream"
        )
        return FileResponse(target, media_type=kind, content_disposition_type="inline", filename=target.name)

    return Route("/corpus/{path:path}", serve, methods=["GET", "HEAD"])


def _logged_in(request: Request) -> bool:
    """Gradio's own login (its session cookie), when the app has one."""
    app = request.app
    if getattr(app, "auth", None) is None:
        return True
    token = request.cookies.get(f"access-token-{app.cookie_id}") or request.cookies.get(
        f"access-token-unsecure-{app.cookie_id}"
    )
    return app.tokens.get(token) is not None


def app_kwargs(corpus_dir: Path, sources: Callable[[], dict[str, Source]]) -> dict:
    """FastAPI constructor arguments for `Blocks.launch(app_kwargs=…)`."""
    return {"middleware": [Middleware(SecurityHeaders)], "routes": [corpus_route(corpus_dir, sources)]}
