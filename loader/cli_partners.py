"""The ``partners`` subcommand of ``interreg-kg``: the curator's review of organisation merges.

``partners --review [--store PATH] [--json] [--threshold N]`` lists the merges made (organisation,
the names merged, the evidence: alias table row, normalised name or in-document equation) and the
candidates left apart (similar names in the same or an unknown country, a shared website host or
non-webmail e-mail domain), so a curator can add aliases to ``data/aliases/organisations.csv``.
Exit status: 0 reviewed, 2 usage error (no ``--review``, no store built yet).

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="interreg-kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["partners", "--review", "--json"])
>>> args.func is run_partners, args.review, args.json, args.threshold
(True, True, True, 80.0)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loader.errors import LoaderError
from loader.review import DEFAULT_THRESHOLD

__all__ = ["register", "run_partners"]


def register(subparsers) -> None:
    """Add the ``partners`` subcommand to an argparse subparsers object."""
    p = subparsers.add_parser("partners", help="review organisation merges and look-alikes",
                              description="List organisation merges with their evidence, and candidates left "
                                          "apart (similar names, shared web hosts or e-mail domains).")
    p.add_argument("--review", action="store_true", help="list merges made and candidates left apart")
    p.add_argument("--store", type=Path, default=None, help="store root (default: INTERREG_KG_STORE or var/store)")
    p.add_argument("--json", action="store_true", help="print the review as JSON")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, metavar="RATIO",
                   help=f"least token-set ratio (0-100) of similar names (default {DEFAULT_THRESHOLD:.0f})")
    p.set_defaults(func=run_partners)


def run_partners(args: argparse.Namespace) -> int:
    """The ``partners`` command: 0 when reviewed, 2 on a usage error."""
    from loader.review import review_store
    from loader.store import open_current, open_current_contacts
    from ontology.settings import Settings

    if not args.review:
        sys.stderr.write("error: partners needs --review (the only action so far)\n")
        return 2
    if not 0 <= args.threshold <= 100:
        sys.stderr.write("error: --threshold must be between 0 and 100\n")
        return 2
    root = args.store if args.store is not None else Settings.from_env().store
    try:
        store, contacts = open_current(root), open_current_contacts(root)
    except (LoaderError, OSError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    review = review_store(store, contacts, threshold=args.threshold)
    if args.json:
        sys.stdout.write(json.dumps(review.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(review.lines()) + "\n")
    return 0
