"""Write an imported filing as content-format YAML that `check` reads back to the same values.

Amounts are Decimal and written as plain numbers with their digits (`5.00` stays `5.00`); texts
that YAML would read as numbers or booleans (`"0"`, `"550"`) are quoted; short records are
written on one line like the hand-made seeds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import re

import yaml

DIGITS = re.compile(r"^[0-9.]+$")  # a phone number or "0" stays text, visibly
FLOW_WIDTH = 100


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # a note repeated on two indicators is written twice
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float" if "." in str(value) else "tag:yaml.org,2002:int",
                                   str(value))


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ('"' if DIGITS.match(value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _mapping(dumper: yaml.SafeDumper, value: dict) -> yaml.MappingNode:
    """Short records of plain values on one line, as the hand-made seeds write them."""
    flat = all(isinstance(v, (str, int, Decimal, dt.date)) and "\n" not in str(v) for v in value.values())
    short = len(", ".join(f"{k}: {v}" for k, v in value.items())) <= FLOW_WIDTH
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flat and short)


def _sequence(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flat = all(isinstance(v, (int, Decimal)) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(dt.date, _date)
_Dumper.add_representer(str, _text)
_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)


def dump(data: Any, header: str = "") -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False)
    return header + body
