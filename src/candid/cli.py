"""The `candid` command: the project's own commands, and every Django command.

`candid policy ...` works on declaration files without Django or a database.
Anything else (`candid migrate`, `candid runserver`, `candid demo`) goes to Django.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from candid.policy import Declaration, DeclarationError, load_declaration


def _policy_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="candid policy", description="Work with a policy declaration."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser(
        "validate", help="check a declaration and list every problem"
    )
    validate.add_argument("file", type=Path)
    render = commands.add_parser(
        "render", help="print the privacy policy a declaration publishes"
    )
    render.add_argument("file", type=Path)
    render.add_argument("--format", choices=["markdown", "html"], default="markdown")
    diff = commands.add_parser("diff", help="say what changed between two versions")
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)
    export = commands.add_parser(
        "export-fides", help="write the declaration as Fides YAML"
    )
    export.add_argument("file", type=Path)
    export.add_argument("--output", "-o", type=Path, default=None)
    return parser


class _Unreadable(Exception):
    """A file could not be read or written; the message says which and why."""


class _Invalid(Exception):
    """One or more declarations are invalid; the message lists every problem."""


def _load(*paths: Path) -> list[Declaration]:
    """Return the declarations in `paths`, or raise with the problems of every file."""
    declarations, failures = [], []
    for path in paths:
        try:
            declarations.append(load_declaration(path))
        except DeclarationError as error:
            failures.append(str(error))
        except OSError as error:
            raise _Unreadable(f"cannot read {path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise _Unreadable(f"cannot read {path}: it is not UTF-8 text") from None
    if failures:
        raise _Invalid("\n".join(failures))
    return declarations


def _validate(args: argparse.Namespace) -> str:
    (declaration,) = _load(args.file)
    return f"{args.file}: valid (version {declaration.policy.version})"


def _render(args: argparse.Namespace) -> str:
    from candid.policy.render import render_html, render_markdown

    (declaration,) = _load(args.file)
    render = render_html if args.format == "html" else render_markdown
    return render(declaration)


def _diff(args: argparse.Namespace) -> str:
    from candid.policy.diff import diff_declarations

    old, new = _load(args.old, args.new)
    return diff_declarations(old, new).as_text()


def _export_fides(args: argparse.Namespace) -> str:
    from candid.policy.fides import export_fides

    (declaration,) = _load(args.file)
    text = export_fides(declaration)
    if args.output is None:
        return text
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _Unreadable(f"cannot write {args.output}: {error.strerror}") from None
    return f"wrote {args.output}"


_COMMANDS = {
    "validate": _validate,
    "render": _render,
    "diff": _diff,
    "export-fides": _export_fides,
}


def policy_main(argv: list[str]) -> int:
    """Run `candid policy <command>`; return 0, 1 for an invalid declaration, 2 for a file."""
    args = _policy_parser().parse_args(argv)
    try:
        print(_COMMANDS[args.command](args))
    except _Invalid as error:
        print(error, file=sys.stderr)
        return 1
    except _Unreadable as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the `candid` command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "policy":
        return policy_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "candid.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["candid", *args])
    return 0
