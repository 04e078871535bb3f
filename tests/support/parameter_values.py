"""Every combination of a named query's parameter values, as pyoxigraph substitutions: what the
tests holding a rewritten query to its former text run both texts with.

>>> [(values, sorted(str(v) for v in bound)) for values, bound in substitution_sets({"a": [None, 1], "b": [2]})]
[((None, 2), ['?b']), ((1, 2), ['?a', '?b'])]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import product

from pyoxigraph import Variable

__all__ = ["substitution_sets"]


def substitution_sets(params: Mapping[str, Sequence[object]]) -> Iterator[tuple[tuple, dict[Variable, object]]]:
    """Each combination of ``params``' values (None: the parameter left unbound) and its substitutions.

    :param params: each parameter's name and the values to try, None among them for "not given".
    :returns: (the values in ``params``' order, the substitutions of the bound ones).
    """
    for values in product(*params.values()):
        yield values, {Variable(p): v for p, v in zip(params, values, strict=True) if v is not None}
