"""Argument shapes shared by the ``g2l`` subcommands."""

import argparse
from collections.abc import Callable


def parse_pairs(values: list[str], flag: str, shape: str) -> dict[str, str]:
    """``KEY=VALUE`` arguments of a repeated ``flag``; a malformed one raises naming the flag and the shape."""
    out = {}
    for value in values:
        key, sep, target = value.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise ValueError(f"{flag} {value!r}: expected {shape}")
        out[key.strip()] = target.strip()
    return out


def run_subcommand(add_parser: Callable, argv: list[str] | None) -> int:
    """Run one library subcommand on its own (``python -m g2l_core.convert.cli convert ...``), without Dagster."""
    parser = argparse.ArgumentParser(prog="g2l")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)
