"""Plain Python values as the reader knows them: truth, and the literals Keras takes as
arguments; and the names whose values only a run can know (input, the environment, the
command line, random numbers, the clock)."""

from __future__ import annotations

import ast

from tutor.engine.errors import Phrase
from tutor.engine.objects import ModuleRef, Unknown
from tutor.engine.syntax import describe, line_of

_RANDOM_MODULES = ("random.", "numpy.random.", "np.random.", "secrets.", "uuid.", "time.")


def truth(value: object) -> bool | None:
    """Python's truth of a value the reader knows, None if it depends on the run."""
    if isinstance(value, (Unknown, ModuleRef)):
        return None
    if value is None or isinstance(value, (bool, int, float, str, tuple, list, range)):
        return bool(value)
    return True


def is_plain(value: object) -> bool:
    """A literal Keras takes as an argument: numbers, strings, None, and tuples or lists
    of them."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    return isinstance(value, (tuple, list)) and all(is_plain(item) for item in value)


def plain(value: object) -> object:
    """A literal with lists turned into tuples, as specs keep them."""
    if isinstance(value, (tuple, list)):
        return tuple(plain(item) for item in value)
    return value


def runtime_reason(path: str, node: ast.AST) -> Phrase | None:
    """Why a dotted name (`path` as imports resolve it, `node` as the file spells it) is
    known only at run time: input, the environment, the command line, random numbers or
    the clock."""
    line = line_of(node)
    if path == "input":
        return Phrase("reason_input", line=line)
    if "environ" in path.split(".") or path.endswith(("os.getenv", "os.getenvb")):
        return Phrase("reason_environment", line=line)
    if path.endswith("sys.argv") or path == "argv":
        return Phrase("reason_argv", line=line)
    if path.startswith(_RANDOM_MODULES) or ".random." in path:
        return Phrase("reason_random", code=describe(node), line=line)
    return None
