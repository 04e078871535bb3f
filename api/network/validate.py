"""Developer check: do the exports validate against the GEXF 1.3 and GraphML schemas?

``python -m api.network.validate --shared ../shared`` (``make validate-exports``) exports every
projection of a store (``--store ROOT``; by default the seed documents of ``data/``, built into a
temporary store) as static and dynamic GEXF with metrics and as GraphML, and checks each file with
lxml:

- GEXF against the RELAX NG schema (``gexf-schema/1.3/gexf.rng``) after dropping ``xsi:*``
  attributes, which that schema does not allow; and against the XSD after moving the viz elements
  into the GEXF namespace in a copy, as the XSD (wrongly) declares them there;
- GraphML against ``graphml-schema/graphml.xsd``, its ``http://graphml.graphdrawing.org/...``
  references resolved to the local copies.

The transforms are pure and tested without the schemas:

>>> doc = etree.fromstring(b'<g xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
...     b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"><viz:size value="1"/></g>')
>>> etree.tostring(for_xsd(doc))
b'<g xmlns="http://gexf.net/1.3"><size value="1"/></g>'
>>> without_xsi(doc).attrib
{}
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from pathlib import Path

from lxml import etree
from pyoxigraph import Store

from api.network import PROJECTIONS, network, to_gexf, to_graphml
from api.network.gexf import GEXF_NS, VIZ_NS
from ontology.storage import current_build

__all__ = ["without_xsi", "for_xsd", "Schemas", "check", "main"]

_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_GRAPHML_URL = "http://graphml.graphdrawing.org/xmlns/1.0/"


def without_xsi(doc: etree._Element) -> etree._Element:
    """A copy of ``doc`` without ``xsi:*`` attributes (the RELAX NG schema does not allow them)."""
    out = copy.deepcopy(doc)
    for element in out.iter():
        for name in [n for n in element.attrib if n.startswith(_XSI)]:
            del element.attrib[name]
    etree.cleanup_namespaces(out)
    return out


def for_xsd(doc: etree._Element) -> etree._Element:
    """A copy of ``doc`` for the GEXF XSD: no ``xsi:*``, viz elements moved into the GEXF namespace."""
    out = without_xsi(doc)
    for element in out.iter(f"{{{VIZ_NS}}}*"):
        element.tag = f"{{{GEXF_NS}}}{etree.QName(element).localname}"
    etree.cleanup_namespaces(out)
    return out


class _LocalGraphML(etree.Resolver):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):  # noqa: ANN001 - lxml's signature
        if url and url.startswith(_GRAPHML_URL):
            return self.resolve_filename(str(self.folder / url[len(_GRAPHML_URL):]), context)
        return None


class Schemas:
    """The three schemas, read from a ``shared`` folder (``gexf-schema/``, ``graphml-schema/``)."""

    def __init__(self, shared: Path) -> None:
        gexf = Path(shared) / "gexf-schema" / "1.3"
        graphml = Path(shared) / "graphml-schema"
        self.gexf_rng = etree.RelaxNG(etree.parse(str(gexf / "gexf.rng")))
        self.gexf_xsd = etree.XMLSchema(etree.parse(str(gexf / "gexf.xsd")))
        parser = etree.XMLParser()
        parser.resolvers.add(_LocalGraphML(graphml))
        self.graphml_xsd = etree.XMLSchema(etree.parse(str(graphml / "graphml.xsd"), parser))


def check(schemas: Schemas, fmt: str, body: bytes) -> list[str]:
    """The schema errors of one export (``gexf`` or ``graphml``); empty when it validates."""
    doc = etree.fromstring(body)
    if fmt == "gexf":
        errors = []
        for name, schema, tree in (("RELAX NG", schemas.gexf_rng, without_xsi(doc)),
                                   ("XSD", schemas.gexf_xsd, for_xsd(doc))):
            if not schema.validate(tree):
                errors += [f"{name}: line {e.line}: {e.message}" for e in schema.error_log]
        return errors
    if not schemas.graphml_xsd.validate(doc):
        return [f"XSD: line {e.line}: {e.message}" for e in schemas.graphml_xsd.error_log]
    return []


def _seed_store(folder: Path) -> Store:
    """The seed documents of ``data/`` built into a store under ``folder`` (the write path, run as a
    separate program so that ``api`` never imports ``loader``)."""
    import subprocess

    root = folder / "store"
    subprocess.run([sys.executable, "-m", "interreg_kg", "build", "--store", str(root)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Store.read_only(str(current_build(root)))


def main(argv: list[str] | None = None) -> int:
    """Validate every projection's GEXF (static, dynamic, with metrics) and GraphML: 0 when all pass,
    1 when one does not (or the store has no build), 2 when the schemas cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m api.network.validate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding the schemas")
    parser.add_argument("--store", type=Path, help="store root to export (default: the seed documents)")
    args = parser.parse_args(argv)
    try:
        schemas = Schemas(args.shared)
    except (OSError, etree.LxmlError) as exc:
        sys.stderr.write(f"cannot read the schemas under {args.shared}: {exc}\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.store is not None:
            build = current_build(args.store)
            if build is None:
                sys.stderr.write(f"no build is published under {args.store}\n")
                return 1
            store = Store.read_only(str(build))
        else:
            store = _seed_store(Path(tmp))
        failed = 0
        for projection in PROJECTIONS:
            graph = network(store, projection, metrics=True, build="validate")
            files = {"gexf static": ("gexf", to_gexf(graph)), "gexf dynamic": ("gexf", to_gexf(graph, dynamic=True)),
                     "graphml": ("graphml", to_graphml(graph))}
            for what, (fmt, body) in files.items():
                errors = check(schemas, fmt, body)
                failed += bool(errors)
                status = "valid" if not errors else "INVALID"
                sys.stdout.write(f"{projection:<12} {what:<13} {graph.number_of_nodes():>6} nodes  {status}\n")
                for error in errors[:10]:
                    sys.stdout.write(f"    {error}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
