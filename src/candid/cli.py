"""The `candid` command: the project's own commands, and every Django command.

`candid policy ...` works on declaration files without Django or a database.
Anything else (`candid migrate`, `candid runserver`, `candid demo`) goes to Django.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


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


def policy_main(argv: list[str]) -> int:
    """Run `candid policy <command>`; return the exit status."""
    from candid.policy import DeclarationError, load_declaration

    args = _policy_parser().parse_args(argv)
    try:
        if args.command == "validate":
            declaration = load_declaration(args.file)
            print(f"{args.file}: valid (version {declaration.policy.version})")
            return 0
        if args.command == "render":
            from candid.policy.render import render_html, render_markdown

            declaration = load_declaration(args.file)
            render = render_html if args.format == "html" else render_markdown
            print(render(declaration))
            return 0
        if args.command == "diff":
            from candid.policy.diff import diff_declarations

            changes = diff_declarations(
                load_declaration(args.old), load_declaration(args.new)
            )
            print(changes.as_text())
            return 0
        from candid.policy.fides import export_fides

        text = export_fides(load_declaration(args.file))
        if args.output:
            args.output.write_text(text, encoding="utf-8")
            print(f"wrote {args.output}")
        else:
            print(text)
        return 0
    except DeclarationError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    """Run the `candid` command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "policy":
        return policy_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "candid.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["candid", *args])
    return 0
