"""What both commands (``budget``, ``indicators``) share: the exit codes, an argument parser
that speaks the run's language (Vietnamese, or English with ``--lang en``: its help, usage and
errors included) and exits 2 on a wrong command, and how an unreadable input, a bug or Ctrl-C
is told: in the run's language, never with a traceback or a library's own text."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from budget import messages
from budget.findings import InputError
from budget.os_errors import os_reason

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it (143 for SIGTERM while writing)
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of our output went away
DEBUG_ENV = "BUDGET_DEBUG"  # set to print the traceback of an internal error

# the English texts of OS errors (``strerror``), to put the Vietnamese reason in their place
_STRERROR = {os.strerror(n): n for n in errno.errorcode}
_ERRNO = re.compile(r"\[Errno (\d+)\]")  # ``str(OSError)``


def language(argv: Sequence[str]) -> str:
    """The language a command line asks for (``--lang en`` or ``--lang=en``, anywhere before
    ``--``), Vietnamese by default: known before parsing, so help and errors speak it too."""
    lang = "vi"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in messages.LANGUAGES:
            lang = value
    return lang


def words(lang: str) -> Callable[..., str]:
    """``t(key, **args)``: the text of a message key in ``lang``."""

    def t(key: str, **args: object) -> str:
        return messages.render(key, args, lang)

    return t


# argparse's own messages (its English source texts), as patterns, and the key of each in the
# catalogue: an error argparse composed is told again in the run's language
_ARGPARSE_ERRORS = tuple(
    (re.compile(pattern + "$", re.DOTALL), key)
    for pattern, key in (
        (r"argument (?P<argument>.+?): (?P<message>.+)", "ARGS.argument"),
        (r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "ARGS.invalid_choice"),
        (r"the following arguments are required: (?P<names>.+)", "ARGS.required"),
        (r"unrecognized arguments: (?P<names>.*)", "ARGS.unrecognized"),
        (r"expected one argument", "ARGS.expected_one"),
        (r"expected at most one argument", "ARGS.expected_at_most_one"),
        (r"expected at least one argument", "ARGS.expected_at_least_one"),
        (r"invalid (?P<type>\w+) value: (?P<value>.+)", "ARGS.invalid_value"),
        (r"ambiguous option: (?P<option>.+?) could match (?P<matches>.+)", "ARGS.ambiguous"),
        (r"not allowed with argument (?P<names>.+)", "ARGS.not_allowed"),
        (r"one of the arguments (?P<names>.+) is required", "ARGS.one_required"),
        (r"ignored explicit argument (?P<value>.+)", "ARGS.ignored_explicit"),
    )
)


def argparse_error(message: str, lang: str) -> str:
    """``message``, an error argparse composed in English, in ``lang`` (as is when unknown)."""
    for pattern, key in _ARGPARSE_ERRORS:
        if m := pattern.match(message):
            args = dict(m.groupdict())
            if "message" in args:
                args["message"] = argparse_error(args["message"], lang)
            return messages.render(key, args, lang)
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the word before the usage line in the run's language."""

    lang = "vi"

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = messages.render("ARGS.usage", {}, self.lang) + " "
        super().add_usage(usage, actions, groups, prefix)


class _SubParsers(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands whose parsers speak the language of the command's."""

    lang = "vi"

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.setdefault("lang", self.lang)
        return super().add_parser(name, **kwargs)  # type: ignore[no-any-return]


class Parser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are in ``lang``; a wrong command exits 2.
    Its sub-commands' parsers take the same language."""

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", type(f"_Formatter_{lang}", (_Formatter,), {"lang": lang}))
        kwargs["add_help"] = False  # our own -h, its help in the language
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.register("action", "parsers", type(f"_SubParsers_{lang}", (_SubParsers,), {"lang": lang}))
        t = words(lang)
        self._positionals.title = t("ARGS.positionals")
        self._optionals.title = t("ARGS.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("ARGS.help"))

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        args = {"prog": self.prog, "message": argparse_error(message, self.lang)}
        sys.stderr.write(messages.render("ARGS.bad", args, self.lang) + "\n")
        sys.exit(EXIT_INPUT)


def bad_command(prog: str, key: str, lang: str, **args: object) -> int:
    """A command line argparse accepted but the command refuses: one line on stderr, exit 2."""
    message = messages.render(key, args, lang)
    sys.stderr.write(messages.render("ARGS.bad", {"prog": prog, "message": message}, lang) + "\n")
    return EXIT_INPUT


def _vietnamese(e: InputError) -> InputError:
    """A reader that passed an OS error's English text as the reason gets the Vietnamese one."""
    reason = e.args_.get("reason")
    if not isinstance(reason, str):
        return e
    m = _ERRNO.search(reason)
    number = _STRERROR.get(reason) or (int(m.group(1)) if m else None)
    if number is not None:
        e.args_["reason"] = os_reason(OSError(number, reason))
    return e


def input_error(e: InputError, lang: str = "vi") -> int:
    """``file:line: lỗi [CODE] message`` on stderr (in ``lang``); the exit code for an unreadable input."""
    e = _vietnamese(e)
    text = messages.render(e.code, e.args_, lang)
    sys.stderr.write(f"{e.source}: {messages.severity('error', lang)} [{e.code}] {text}\n")
    return EXIT_INPUT


class StdoutError(OSError):
    """Standard output could not take what was written (a full disk, ``> /dev/full``, an I/O
    error): the user's device, not a bug of the tool."""


class _GuardedStream:
    """Standard output whose write and flush failures (other than a closed pipe, which ends
    the run quietly) are ``StdoutError``: said as a user's error, exit 2, never exit 3."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise StdoutError(e.errno, e.strerror) from e

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise StdoutError(e.errno, e.strerror) from e

    def fileno(self) -> int:
        return self._stream.fileno()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def stdout_failed(prog: str, e: OSError, lang: str = "vi") -> int:
    """The result could not be written to standard output: why, in the user's words; exit 2.
    What is still buffered goes nowhere (the interpreter would fail again at exit)."""
    text = messages.render("OUTPUT_STDOUT_FAILED", {"reason": os_reason(e)}, lang)
    sys.stderr.write(f"{prog}: {text}\n")
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ is not None else 1)
    return EXIT_INPUT


def internal_error(prog: str, e: BaseException, lang: str = "vi") -> int:
    """A bug: said plainly, with the kind of error only (its text may be English and may quote
    the input); the traceback when ``BUDGET_DEBUG`` is set. A failed write to standard output
    is no bug: ``stdout_failed`` says it."""
    if isinstance(e, StdoutError):
        return stdout_failed(prog, e, lang)
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(e, file=sys.stderr)
    text = messages.render("INTERNAL_ERROR", {"kind": type(e).__name__}, lang)
    sys.stderr.write(f"{prog}: {text}\n")
    return EXIT_BUG


def interrupted(prog: str, lang: str = "vi") -> int:
    """Ctrl-C outside a write: one line, exit 130."""
    sys.stderr.write(f"\n{prog}: {messages.render('INTERRUPTED', {}, lang)}\n")
    return EXIT_INTERRUPTED


def guarded(prog: str, command: Callable[[], int], lang: str = "vi") -> int:
    """Run one command: an unreadable input or refused output exits 2, a bug exits 3, Ctrl-C
    exits 130, never a traceback."""
    try:
        return command()
    except InputError as e:
        return input_error(e, lang)
    except KeyboardInterrupt:
        return interrupted(prog, lang)
    except Exception as e:  # a bug: say so plainly, with no traceback
        return internal_error(prog, e, lang)


def utf8_streams() -> None:
    """Write UTF-8 whatever the console or pipe says (a Windows console in cp1252 cannot
    encode Vietnamese and would raise): the output is Vietnamese, so it is UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def run_main(prog: str, main: Callable[[], int]) -> None:
    """The console script: ``main()``'s code as the exit status; Ctrl-C anywhere exits 130
    quietly; a closed pipe (``budget check x | head``) ends quietly."""
    utf8_streams()
    sys.stdout = _GuardedStream(sys.stdout)
    try:
        code = main()
        sys.stdout.flush()
    except StdoutError as e:
        code = stdout_failed(prog, e, language(sys.argv[1:]))
    except KeyboardInterrupt:
        code = interrupted(prog, language(sys.argv[1:]))
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python would complain again when flushing at exit
        code = EXIT_BROKEN_PIPE
    sys.exit(code)
