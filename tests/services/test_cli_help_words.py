"""Every command's help, in Vietnamese, names its values in Vietnamese: argparse shows an option's English
destination ("--period PERIOD") unless the code gives it a translated name."""

from __future__ import annotations

import argparse
import re

from ward_office.cli.app import build_parser

PATTERN = r"(--[a-z-]+)[ =]([A-Z][^\s\],]*)"  # "--period KỲ", "--month TT/NNNN"
# Formats a clerk types as shown, not words to translate.
FORMATS = {"YYYY-MM-DD", "TT/NNNN"}


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                found.update({f"{name} {inner}": parser for inner, parser in _subparsers(sub).items()})
    return found


def test_no_option_value_is_named_in_english(vietnamese: None) -> None:
    parser = build_parser()
    english = {}
    commands = _subparsers(parser)
    assert len(commands) >= 15
    for name, command in {"": parser, **commands}.items():
        for option, value in re.findall(PATTERN, command.format_help()):
            if value.isascii() and value not in FORMATS:
                english[f"{name} {option}"] = value
    assert english == {}


def test_the_check_shows_an_english_name(vietnamese: None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--period")
    assert set(re.findall(PATTERN, parser.format_help())) == {("--period", "PERIOD")}

