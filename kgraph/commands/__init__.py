"""Commands that live in their own module, one concern each (``serve``, ``analyze`` …).

Each module here defines ``command``, a :class:`click.Command`; ``kgraph.cli`` registers every one
of
them, so adding a command is adding a file.  Modules import their heavy dependencies inside the
command function so that ``kgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import click


def register_all(group: click.Group) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            group.add_command(command)
