"""Let ``kgraph.extract``, ``kgraph.build`` and ``kgraph.query`` be both modules and functions.

The public API is ``kgraph.extract(text)``, ``kgraph.build(paths, out=…)`` and
``kgraph.query(sparql)``, and the house layout also has modules of those names.  Python sets a
package attribute to its submodule when the submodule is imported, which would silently replace a
function of the same name; making the module itself callable keeps both meanings stable, whatever
is imported first.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


class CallableModule(types.ModuleType):
    """A module whose call runs the function it names after itself."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__dict__["__call_target__"](*args, **kwargs)


def make_callable(module_name: str, target: Callable[..., Any]) -> None:
    module = sys.modules[module_name]
    module.__call_target__ = target
    module.__class__ = CallableModule
