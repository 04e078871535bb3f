"""The benchmark's own app: one route answering a constant JSON object, the framework's limit.

Served with the same uvicorn settings as ``interreg-kg serve`` (one process, defaults):
``python -m uvicorn bench.const_app:app --host 127.0.0.1 --port PORT``.
"""

from __future__ import annotations

from fastapi import FastAPI

__all__ = ["app", "PAYLOAD"]

PAYLOAD = {"id": "constant", "acronym": "CONST", "title": "A constant answer", "partners": []}

app = FastAPI(title="bench constant")


@app.get("/const")
def const() -> dict:
    """The same small JSON object every time."""
    return PAYLOAD
