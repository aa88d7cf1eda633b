"""Write an imported filing as content-format YAML that `check` reads back to the same values.

Amounts are Decimal and written as plain numbers with their digits (`5.00` stays `5.00`); texts
that YAML would read as numbers or booleans (`"0"`, `"550"`) are quoted; short records are
written on one line like the hand-made seeds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float" if "." in str(value) else "tag:yaml.org,2002:int",
                                   str(value))


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(dt.date, _date)
_Dumper.add_representer(str, _text)


def dump(data: Any, header: str = "") -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False)
    return header + body
