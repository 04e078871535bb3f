"""Dependencies the routes declare: the snapshot of the store a request reads, and the settings.

>>> from typing import get_args
>>> get_args(StoreDep)[0].__name__
'Snapshot'
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.store import Snapshot
from ontology.settings import Settings

__all__ = ["get_snapshot", "get_settings", "StoreDep", "SettingsDep"]


def get_snapshot(request: Request) -> Snapshot:
    """The current build's snapshot, taken once per request (the request keeps it to the end)."""
    return request.app.state.store_handle.snapshot()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Snapshot, Depends(get_snapshot)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
