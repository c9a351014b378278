"""`python -m bot <command>`: the one entry point for building, checking, asking and running."""

from __future__ import annotations

import argparse
import sys

from bot.cli import COMMANDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Borderline travel-restrictions bot")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (configure, _run, help_text) in COMMANDS.items():
        configure(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    _configure, run, _help = COMMANDS[args.command]
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
