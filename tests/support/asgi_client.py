"""A synchronous client for an ASGI app, shared by the API, REST and editor tests.

It drives the app through httpx's ASGI transport, one event loop per request: Starlette's
TestClient warns about its httpx use, and warnings are errors in this suite.
"""

from __future__ import annotations

import asyncio

import httpx


class Client:
    """A synchronous client for an ASGI app (one event loop per request)."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def head(self, url: str, **kwargs) -> httpx.Response:
        return self.request("HEAD", url, **kwargs)
