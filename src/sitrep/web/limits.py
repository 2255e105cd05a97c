"""Request size limit: a body larger than the limit gets 413 before the app reads it whole.

A pure ASGI middleware, so it also stops chunked bodies that give no Content-Length (or a false
one): it counts the bytes as they arrive.
"""
from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _too_large_response(limit: int) -> tuple[Message, Message]:
    body = json.dumps({"detail": f"request body too large: the limit is {limit:,} bytes"}).encode()
    start = {"type": "http.response.start", "status": 413,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]}
    return start, {"type": "http.response.body", "body": body}


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            for message in _too_large_response(self.max_body_bytes):
                await send(message)
            return

        received = 0
        response_started = False
        rejected = False

        async def counting_receive() -> Message:
            # Past the limit: answer 413 now and tell the app the client is gone, so it stops
            # reading; whatever it then tries to send is dropped.
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes and not response_started:
                    rejected = True
                    for reply in _too_large_response(self.max_body_bytes):
                        await send(reply)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if rejected:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)
