"""The ``ward-office`` command: the contract other tools and our own checks rely on.

Every command takes ``--db PATH`` (default: the user's data folder) and ``--lang vi|en``. Errors go to
stderr in the chosen language with a non-zero exit code, and a refused command writes nothing. On a book
with accounts every command that writes into it signs in first (``--user``, see ``sign_in``). The parser
and ``main`` are ``app.py``; each group of commands is a module of its own, named after its feature.
"""

from ward_office.cli.app import main

__all__ = ["main"]
