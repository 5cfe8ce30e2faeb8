"""A local HTTP server that answers like LibreTranslate (POST /translate) and DeepL
(POST /v2/translate) as their API documentation describes, so the portal's real HTTP
client is tested. Its "translation" upper-cases the text outside tags and outside
translate="no" elements and puts the target language in front: "[tr] MERHABA <b>…</b>".
"""

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TAG = re.compile(r"(<[^>]+>)")
KEPT_OPEN = re.compile(r"<span\b[^>]*\btranslate=\"no\"[^>]*>$")
KEPT = re.compile(r"<span translate=\"no\">(.*?)</span>")
DEEPL_KEY = "secret-key:fx"


def fake_translate(fragment: str, target: str, *, mangle: bool = False) -> str:
    """Upper-case what a service would translate. `mangle`: behave like a service that
    ignores translate="no" (drops the element and translates its content)."""
    if mangle:
        fragment = KEPT.sub(lambda match: match[1], fragment)
    parts = TAG.split(fragment)
    depth = 0
    for index, part in enumerate(parts):
        if index % 2:
            if KEPT_OPEN.match(part):
                depth += 1
            elif part == "</span>" and depth:
                depth -= 1
        elif not depth:
            parts[index] = re.sub(
                r"&[a-z]+;|[^&]+", lambda m: m[0] if m[0][0] == "&" else m[0].upper(), part
            )
    return f"[{target.lower()}] " + "".join(parts)


class Service:
    """What the server received and how it answers next."""

    def __init__(self):
        self.requests: list[dict] = []
        self.reply: tuple[int, bytes] | None = None  # a fixed answer instead of translating
        self.delay = 0.0
        self.mangle = False
        self.url = ""

    def answer(self, path: str, headers, body: dict) -> tuple[int, dict]:
        if path == "/translate":  # LibreTranslate
            missing = [name for name in ("q", "source", "target") if name not in body]
            if missing:
                return 400, {"error": f"Invalid request: missing {missing[0]} parameter"}
            if body.get("format", "text") not in ("text", "html"):
                return 400, {"error": "Invalid request: format"}
            texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
            # Like LibreTranslate's HTML mode (translatehtml): white space collapses.
            texts = [" ".join(text.split()) for text in texts]
            out = [fake_translate(text, body["target"], mangle=self.mangle) for text in texts]
            return 200, {"translatedText": out if isinstance(body["q"], list) else out[0]}
        if path == "/v2/translate":  # DeepL
            if headers.get("Authorization") != f"DeepL-Auth-Key {DEEPL_KEY}":
                return 403, {"message": "Authorization failed"}
            if not isinstance(body.get("text"), list) or "target_lang" not in body:
                return 400, {"message": "Bad request. Reason: Value for 'text' not supported."}
            if len(body["text"]) > 50:
                return 413, {"message": "Too many texts"}
            return 200, {
                "translations": [
                    {
                        "detected_source_language": "DE",
                        "text": fake_translate(text, body["target_lang"], mangle=self.mangle),
                    }
                    for text in body["text"]
                ]
            }
        return 404, {"error": "Not Found"}


@contextmanager
def running_service():
    service = Service()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            body = json.loads(raw) if raw else {}
            service.requests.append(
                {"path": self.path, "headers": dict(self.headers), "json": body}
            )
            if service.delay:
                time.sleep(service.delay)
            if service.reply:
                status, payload = service.reply
            else:
                status, answer = service.answer(self.path, self.headers, body)
                payload = json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up waiting
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    service.url = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
