"""How the command line explains itself: plain help, and usage errors in one line.

typer's own help shows Python types (`--json <bool>`, `<list[str]>`, `{exercise_id}`) and
its usage errors are four-line boxes in pydantic's words ('Input should be greater than or
equal to 1'). A learner at a terminal expects `--epochs N` in the help and
`dltutor: error: --epochs must be at least 1 (got 0)`, in their language, with exit status 2.
`TutorTyper` builds every command with the help and the errors below; `usage_error_line`
words an error for the edge in `tutor.cli.main`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import get_close_matches
from typing import Any

import typer
from typer._click import exceptions as click_errors  # typer's vendored click
from typer.core import TyperCommand, TyperGroup

from tutor.i18n import LANGUAGES, translate

UsageError = click_errors.UsageError


class UnknownCommand(UsageError):
    """A group was given a command it does not have."""

    def __init__(self, ctx: Any, name: str, close: Sequence[str]) -> None:
        super().__init__(f"No such command {name!r}", ctx)
        self.name = name
        self.close = list(close)


class ExtraArguments(UsageError):
    """A command was given more arguments than it takes."""

    def __init__(self, ctx: Any, extra: Sequence[str]) -> None:
        super().__init__(f"Unexpected extra arguments: {' '.join(extra)}", ctx)
        self.extra = list(extra)


class _PlainHelp:
    """Help with plain metavars (`--epochs N`, `FILE...`, `cpu|gpu`), and errors that know
    their command (the parser raises some without one)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = ["[OPTIONS]"]
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if param.param_type_name == "argument":
                name = metavar(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if param.hidden:
                continue
            if param.param_type_name == "argument":
                arguments.append((metavar(param), param.help or ""))
            else:
                options.append(_option_record(param))
        language = _language_option(ctx)
        if language is not None and ctx.parent is not None:  # --lang works after a command
            options.insert(-1, _option_record(language))
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as error:
            if error.ctx is None:
                error.ctx, error.cmd = ctx, ctx.command
            raise


class TutorCommand(_PlainHelp, TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            extra = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if extra and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(ctx, extra)
        return extra


class TutorGroup(_PlainHelp, TyperGroup):
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*super().collect_usage_pieces(ctx), "COMMAND [ARGS]..."]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first sentence, wrapped, never cut at 45 characters."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, " ".join((command.help or "").split("\n\n")[0].split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        if not name.startswith("-") and self.get_command(ctx, name) is None:
            raise UnknownCommand(ctx, name, get_close_matches(name, self.list_commands(ctx)))
        return super().resolve_command(ctx, args)


class TutorTyper(typer.Typer):
    """A typer app whose groups and commands speak as above."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=TutorGroup, rich_markup_mode=None, **settings)

    def command(self, *args: Any, **settings: Any) -> Any:
        return super().command(*args, cls=TutorCommand, **settings)


def metavar(param: Any) -> str:
    """The placeholder a learner types: `ID`, `FILE...`, `N`, `cpu|gpu`, `TOPIC`."""
    if param.metavar:
        name = param.metavar
    else:
        kind = param.type_descriptor
        if kind.choices:
            name = "|".join(map(str, kind.choices))
        elif kind.annotation in (int, float):
            name = "N"
        elif kind.is_path:
            name = "FILE"
        elif param.param_type_name == "argument":
            name = param.name.upper()
        else:
            name = max(param.opts, key=len).lstrip("-").replace("-", "_").upper()
    return f"{name}..." if param.nargs == -1 else name


def _option_record(param: Any) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=len))
    if not param.is_flag:
        names += f" {metavar(param)}"
    text = param.help or ""
    if param.show_default and param.default not in (None, False, ()) and not param.is_flag:
        text += f"  [default: {param.default}]"
    return names, text


def _language_option(ctx: Any) -> Any:
    """The root's `--lang` option, which `hoist_language` lets a learner type anywhere."""
    root = ctx.find_root().command
    return next((param for param in root.params if param.name == "lang"), None)


def _long_name(param: Any) -> str:
    """`--device` for an option, its metavar for an argument: how the learner wrote it."""
    if param.param_type_name == "argument":
        return metavar(param)
    return max(param.opts, key=len)


def hoist_language(args: list[str]) -> list[str]:
    """Move `--lang X` (or `--lang=X`) from after a command to the front, where the root
    reads it: `dltutor progress --lang ko` means `dltutor --lang ko progress`. A `--lang`
    with nothing after it is all that is kept, for the root to say it needs a value."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg.startswith("--lang="):
            front.append(arg)
        elif arg == "--lang":
            if index + 1 == len(args):
                return [arg]
            front.extend(args[index : index + 2])
            index += 1
        else:
            rest.append(arg)
        index += 1
    return [*front, *rest]


def requested_language(args: list[str]) -> str | None:
    """The language a command line asks for, if valid (the last `--lang` wins, as in the
    parser): usage errors speak it even when the line is refused."""
    chosen = None
    for flag, value in zip(args, [*args[1:], ""], strict=True):
        if flag.startswith("--lang="):
            value = flag.removeprefix("--lang=")
        elif flag != "--lang":
            continue
        chosen = value if value in LANGUAGES else chosen
    return chosen


def usage_error_line(error: UsageError, lang: str) -> str:
    """One line on stderr, in the tutor's words and the learner's language."""
    return translate("dltutor: error: {problem}", lang).format(problem=_problem(error, lang))


def _problem(error: UsageError, lang: str) -> str:
    def say(text: str, **values: Any) -> str:
        return translate(text, lang).format(**values)

    command = error.ctx.command_path if error.ctx is not None else "dltutor"
    if isinstance(error, UnknownCommand):
        if error.close:
            text = "{command} has no command {name!r}; did you mean {close}?"
            return say(text, command=command, name=error.name, close=error.close[0])
        text = "{command} has no command {name!r} ({command} --help lists them)"
        return say(text, command=command, name=error.name)
    if isinstance(error, ExtraArguments):
        extra = " ".join(error.extra)
        return say("{command} does not take {extra!r}", command=command, extra=extra)
    if isinstance(error, click_errors.NoSuchOption):
        option = error.option_name
        if error.possibilities:
            text = "{command} has no option {option}; did you mean {close}?"
            close = sorted(error.possibilities)[0]
            return say(text, command=command, option=option, close=close)
        text = "{command} has no option {option} ({command} --help lists them)"
        return say(text, command=command, option=option)
    if isinstance(error, click_errors.BadOptionUsage):
        option, param = error.option_name, _find_option(error)
        if param is not None and param.is_flag:
            return say("{option} takes no value", option=option)
        usage = option if param is None else f"{option} {metavar(param)}"
        return say("{option} needs a value: {usage}", option=option, usage=usage)
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        pieces = " ".join(error.ctx.command.collect_usage_pieces(error.ctx))
        text = "{command} needs {name} (usage: {command} {pieces})"
        return say(text, command=command, name=metavar(error.param), pieces=pieces)
    if isinstance(error, click_errors.BadParameter) and error.param is not None:
        return _bad_value(error, say)
    return error.format_message().rstrip(".")


def _bad_value(error: Any, say: Callable[..., str]) -> str:
    """A value of the wrong kind, read from pydantic's record of what it was given."""
    name = _long_name(error.param)
    cause = error.__cause__
    if cause is None or not hasattr(cause, "errors"):
        return say("{name}: {problem}", name=name, problem=error.message.rstrip("."))
    detail = cause.errors()[0]
    given, context = detail.get("input"), detail.get("ctx") or {}
    choices = error.param.type_descriptor.choices
    if choices:
        text, words = "{name} must be {choices} (got {given!r})", [str(c) for c in choices]
        return say(text, name=name, choices=_or_list(words, say), given=given)
    if detail["type"] == "greater_than_equal":
        text = "{name} must be at least {minimum} (got {given})"
        return say(text, name=name, minimum=context["ge"], given=given)
    if detail["type"].startswith("int_"):
        return say("{name} must be a whole number (got {given!r})", name=name, given=given)
    return say("{name} cannot be {given!r}", name=name, given=given)


def _or_list(words: list[str], say: Callable[..., str]) -> str:
    """`cpu or gpu`, `easy, medium or hard`."""
    if len(words) == 1:
        return words[0]
    return say("{some} or {last}", some=", ".join(words[:-1]), last=words[-1])


def _find_option(error: Any) -> Any:
    if error.ctx is None:
        return None
    params = error.ctx.command.get_params(error.ctx)
    return next((p for p in params if error.option_name in getattr(p, "opts", ())), None)
