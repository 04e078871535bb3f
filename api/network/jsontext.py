"""Node-link JSON written straight to a stream: the bytes ``json.dumps(nx.node_link_data(graph,
edges="edges"), ensure_ascii=False, indent=1)`` gives, without the pure-Python encoder that
``indent`` falls back to (most of the JSON export's time at 35,000 documents) and without holding the
node-link lists or the text whole.

Values are encoded as :mod:`json` encodes them: strings with its C escaper, ``true``/``false``/
``null``, ``int.__repr__``, ``float.__repr__`` (``NaN``, ``Infinity``, ``-Infinity``), lists and tuples
as arrays, dicts as objects (keys: strings, or numbers, booleans and None made strings); anything
else raises :class:`TypeError` as :func:`json.dumps` does.

>>> import io
>>> g = nx.Graph(projection="organisation"); g.add_node("a", label="Ä", spells=(("2010-01-01", None),))
>>> stream = io.BytesIO(); write_node_link(g, stream)
>>> stream.getvalue() == json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1).encode()
True
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import BinaryIO

import networkx as nx

__all__ = ["write_node_link", "encode"]

_INFINITY = float("inf")
_KEYS: dict[str, str] = {}  # the text of the attribute names seen (a handful), kept


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    if isinstance(key, str):
        text = encode_basestring(key)
        if type(key) is str and len(_KEYS) < 4096:
            _KEYS[key] = text
        return text
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    if isinstance(key, float):
        return encode_basestring(_float(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def encode(value: object, level: int, out: list[str], _tuples: dict | None = None) -> None:
    """Append the pieces of ``value`` indented by one space a level, as json's encoder with
    ``indent=1`` gives them at nesting ``level``, to ``out``. ``_tuples`` remembers the text of
    tuples by value and level (the spells many edges share).

    >>> out = []; encode({"a": [1, 2.5, None], "b": {}}, 0, out); print("".join(out))
    {
     "a": [
      1,
      2.5,
      null
     ],
     "b": {}
    }
    """
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        if type(value) is tuple and _tuples is not None:
            try:
                out.append(_tuples[(value, level)])
                return
            except KeyError:
                pieces: list[str] = []
                _items(value, level, pieces, _tuples)
                out.append(text := "".join(pieces))
                _tuples[(value, level)] = text
                return
            except TypeError:  # holds something unhashable
                pass
        _items(value, level, out, _tuples)
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (level + 1)
        separator = "{" + inner
        known = _KEYS.get  # only str keys are kept, and no other key equals a str
        for key, item in value.items():
            text = known(key) or _key(key)
            kind = type(item)
            if kind is str:  # most values: one piece, no call
                out.append(f"{separator}{text}: {encode_basestring(item)}")
            elif kind is int:
                out.append(f"{separator}{text}: {int.__repr__(item)}")
            else:
                out.append(f"{separator}{text}: ")
                encode(item, level + 1, out, _tuples)
            separator = "," + inner
        out.append("\n" + " " * level + "}")
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _items(value: list | tuple, level: int, out: list[str], tuples: dict | None) -> None:
    inner = "\n" + " " * (level + 1)
    separator = "[" + inner
    for item in value:
        out.append(separator)
        separator = "," + inner
        encode(item, level + 1, out, tuples)
    out.append("\n" + " " * level + "]")


def write_node_link(graph: nx.Graph, stream: BinaryIO, *, batch: int = 16384) -> None:
    """Write ``graph`` as node-link JSON (``directed``, ``multigraph``, ``graph``, ``nodes`` with
    their ``id`` last, ``edges`` with ``source`` and ``target`` last) in UTF-8 to ``stream``, node by
    node and edge by edge (about ``batch`` pieces a write).

    :raises TypeError: a value JSON cannot hold. OSError: the stream cannot be written.
    """
    if graph.is_multigraph():  # keyed edges: networkx's own layout, the same bytes
        stream.write(json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1).encode())
        return
    out = [f'{{\n "directed": {"true" if graph.is_directed() else "false"},\n "multigraph": false,\n "graph": ']
    tuples: dict[tuple, str] = {}
    encode(graph.graph, 1, out, tuples)

    def flush() -> None:
        if len(out) >= batch:
            stream.write("".join(out).encode("utf-8"))
            out.clear()

    for name, items in (("nodes", ({**data, "id": node} for node, data in graph.nodes(data=True))),
                        ("edges", ({**data, "source": a, "target": b} for a, b, data in graph.edges(data=True)))):
        separator = f',\n "{name}": [\n  '
        empty = True
        for item in items:
            out.append(separator)
            separator = ",\n  "
            encode(item, 2, out, tuples)
            empty = False
            flush()
        out.append(f',\n "{name}": []' if empty else "\n ]")
    out.append("\n}")
    stream.write("".join(out).encode("utf-8"))
