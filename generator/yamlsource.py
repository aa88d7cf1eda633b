"""Read YAML into plain data while keeping where every key came from.

PyYAML's own loaders lose line numbers, silently keep the last of two duplicate
keys, read `2306.26` as a binary float and `010` as octal 8. We compose the node
tree ourselves and construct scalars with YAML 1.2-like rules instead:
decimals become `Decimal` (exactly as written), only canonical integers become
`int`, only `true`/`false` are booleans, and everything else stays text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import yaml

from .problems import Problem, Severity, display_path

KeyPath = tuple[str | int, ...]
Mark = Any  # where a node starts, 0-based: yaml.Mark, or libyaml's own class of the same fields

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TAG = "tag:yaml.org,2002:"

# Limits that keep a hostile or broken file from exhausting `check` (each is a located `yaml-limit`
# error, documented in docs/operators.md). The largest seed filing is 78 KB, 7 levels deep.
MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 64  # levels of mappings and lists: libyaml's composer recurses in C and would crash far below 100,000
MAX_ALIAS_NODES = 10_000  # values copied through `*alias`: a billion-laughs file asks for 10^9
MAX_NUMBER_CHARS = 100  # digits of a number written without quotes (Python refuses ints over 4,300)
_BLOCK_PREFIX = re.compile(r"^[ \t?-]*", re.MULTILINE)  # what each block level of a line must consume
_BRACKET = re.compile(r"[\[\]{}]")
# Characters XML 1.0 forbids (controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF):
# the reader refuses them when typed, but a quoted escape such as "\x00" or "\ud800" would still make one.
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# The tags a plain or quoted scalar resolves to; `!!binary`, `!!python/name:…` and the like are refused.
_SCALAR_KINDS = frozenset({"str", "int", "float", "bool", "null", "timestamp", "merge"})
_COLLECTION_KINDS = frozenset({"map", "seq"})
_KIND_OF_TAG = {_TAG + kind: kind for kind in _SCALAR_KINDS | _COLLECTION_KINDS}  # looked up for every node


class _TagsRemembered(yaml.resolver.Resolver):
    """Each scalar's tag remembered. PyYAML resolves every scalar in Python, trying its patterns one by one,
    when libyaml reads one (1.2 of the 2.1 s that composing 180 filings took) and again when it writes one
    (to tell whether it may be written plain). A tag depends on the text and how it was written alone
    (no path resolvers here), and filings repeat their keys and many values."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:  # a collection: its tag comes without a pattern to try
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        if (tag := _TAGS.get(key)) is None:
            if len(_TAGS) > MEMO_LIMIT:
                _TAGS.clear()
            tag = _TAGS[key] = super().resolve(kind, value, implicit)
        return tag


_TAGS: dict[tuple, str] = {}
# The most texts a memo holds before it starts again (here, and the memos of indicator ids and values): long
# texts are seldom met twice, and a process may read and write a province's filings.
MEMO_LIMIT = 100_000


# libyaml's parser is ~10× faster and gives the same nodes and marks; fall back to pure Python.
class _Loader(_TagsRemembered, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


@dataclass(frozen=True)
class Position:
    line: int  # 1-based, as editors show it
    column: int  # 1-based
    file: str | None = None  # set when the key came from another file (projects kept beside a filing)


@dataclass
class Located:
    """A YAML document as plain data plus the position of every key path."""

    file: str
    data: Any
    positions: dict[KeyPath, Position | Mark]  # or a parser's marks as they come (0-based): see `position`
    blank: set[KeyPath] = field(default_factory=set)  # keys written with nothing after them (`basis:`, `basis: ""`)

    def file_of(self, path: KeyPath) -> str:
        return self.position(path).file or self.file

    def attach(self, path: KeyPath, other: "Located") -> None:
        """Record that the data at `path` came from `other` (another file), keeping its positions."""
        for key in other.positions:
            where = other.position(key)
            self.positions[path + key] = Position(where.line, where.column, other.file)
        self.blank |= {path + key for key in other.blank}
        self.__dict__.pop("text", None)  # worked out again with the other file's texts, if asked for before

    def position(self, path: KeyPath) -> Position:
        """The position of the deepest part of `path` that exists in the file."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if isinstance(found, Position):
                return found
            if found is not None:  # a parser's mark, made into a Position only when asked for (most never are)
                return _from_mark(found)
        return Position(1, 1)

    @cached_property
    def text(self) -> str:
        """Every text of the document, keys included, one per line: a check for something rare in any text
        searches it once, and walks the document (to say where) only when it is there."""
        texts, unseen = [], [self.data]
        while unseen:
            value = unseen.pop()
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict):
                unseen += value.keys()
                unseen += value.values()
            elif isinstance(value, list):
                unseen += value
        return "\n".join(texts)


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


def format_path(path: KeyPath) -> str:
    """`('goals', 0, 'indicators', 3, 'value')` → `goals[0].indicators[3].value`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_PATH_PART = re.compile(r"\[(\d+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def parse_path(text: str) -> KeyPath | None:
    """`goals[0].indicators[3].value` → `('goals', 0, 'indicators', 3, 'value')`; None when the text is
    not a key path as `format_path` writes it."""
    parts: list[str | int] = []
    position = 0
    while position < len(text):
        match = _PATH_PART.match(text, position)
        if not match:
            return None
        parts.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
        position = match.end()
    # Written back, the parts must give the same text: `.a`, `a..b` and `[0]` are not key paths.
    valid = parts and isinstance(parts[0], str) and format_path(tuple(parts)) == text
    return tuple(parts) if valid else None


def load_file(path: Path) -> Located:
    """Read one YAML file; raise YamlProblem for broken UTF-8, bad syntax, duplicate keys or a file
    beyond the limits above."""
    name = display_path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(_error(name, Position(1, 1), (), "yaml-limit",
                                 f"文件有 {size / 1e6:.1f} MB，超过上限 {MAX_FILE_BYTES / 1e6:.0f} MB",
                                 "项目很多时，把项目分别放在文件旁的 <年度>-<类型>.projects/ 文件夹里，每个项目一个文件"))
    text = decode_utf8(path.read_bytes(), name)
    return load_text(text, name)


def decode_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(_error(name, Position(line, column), (), "broken-utf8",
                                 f"文件不是有效的 UTF-8 编码（第 {exc.start + 1} 字节）",
                                 "用 UTF-8 编码另存此文件（WPS/记事本：另存为 → 编码选 UTF-8）")) from exc


def load_text(text: str, name: str) -> Located:
    try:
        _check_depth(text, name)
        node = _compose(text)
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(_error(name, _offset_position(text, exc.position), (), "yaml-syntax",
                                 f"文件含不可打印的控制字符 U+{exc.character:04X}",
                                 "删除这个字符；从 Word/Excel 复制时常会带入")) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _from_mark(mark) if mark else Position(1, 1)
        raise YamlProblem(_error(name, position, (), "yaml-syntax",
                                 f"YAML 语法错误：{exc.problem or exc.context}",
                                 "检查这一行及上一行的缩进、冒号后的空格、引号是否成对")) from exc
    builder = _Builder(name, aliases="*" in text)
    data = builder.build(node, ()) if node is not None else None
    return Located(name, data, builder.positions, builder.blank)


def _compose(text: str) -> yaml.Node | None:
    """Parse fast with libyaml; on an error, parse again in pure Python for its clearer message and mark."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _check_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing. Each block level takes at least one column
    of indentation or of `- `/`? ` on its line, and each flow level a bracket: when that bound is within
    the limit (every real filing), nothing more is read; otherwise the parser's events give the true
    depth and where it goes too deep."""
    block = max(map(len, _BLOCK_PREFIX.findall(text)), default=0) + 1
    flow = deepest = 0
    for bracket in _BRACKET.finditer(text):
        flow += 1 if bracket.group(0) in "[{" else -1
        deepest = max(deepest, flow)
        if block + deepest > MAX_DEPTH:
            break
    if block + deepest <= MAX_DEPTH:
        return
    try:
        _walk_depth(yaml.parse(text, Loader=_Loader), name)
    except yaml.YAMLError:  # libyaml since PyYAML 6.0.4 has a nesting limit of its own, met while scanning
        _walk_depth(yaml.parse(text, Loader=yaml.SafeLoader), name)  # ahead; Python's parser scans lazily


def _walk_depth(events, name: str) -> None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(_error(name, _position(event), (), "yaml-limit",
                                         f"嵌套超过 {MAX_DEPTH} 层", "文件的层次应与表格一致，通常不超过 10 层；检查括号是否成对"))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _offset_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _error(name: str, position: Position, path: KeyPath, code: str, message: str, hint: str) -> Problem:
    return Problem(name, position.line, position.column, format_path(path), code, Severity.ERROR, message, hint)


class _Builder:
    """Nodes → plain data. An `*alias` is the node of its anchor once more, so every node met a second
    time is a copy: copies are counted (MAX_ALIAS_NODES), and a node inside itself is refused."""

    def __init__(self, name: str, aliases: bool = True):
        self.name = name
        self.aliases = aliases  # whether the text may hold an `*alias` at all: without one, no node is met twice
        self.positions: dict[KeyPath, Position | Mark] = {}
        self.blank: set[KeyPath] = set()
        self.seen: set[int] = set()
        self.open: set[int] = set()  # the nodes being built: the path from the root
        self.copies = 0

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.positions.setdefault(path, node.start_mark)
        if self.aliases:
            self._count(node, path)
        if isinstance(node, yaml.ScalarNode):
            if not node.value.strip() and path:
                self.blank.add(path)
            return self.scalar(node, path)
        self._check_tag(node, path, _COLLECTION_KINDS)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _count(self, node: yaml.Node, path: KeyPath) -> None:
        if id(node) in self.open:
            raise YamlProblem(_error(self.name, _position(node), path, "yaml-limit",
                                     "别名引用了包含它自己的内容（无限循环）", "删除这个 * 别名，把内容照写一遍"))
        if id(node) in self.seen:
            self.copies += 1
            if self.copies > MAX_ALIAS_NODES:
                raise YamlProblem(_error(self.name, _position(node), path, "yaml-limit",
                                         f"通过 * 别名复制的内容超过 {MAX_ALIAS_NODES} 项",
                                         "不要用 & 锚点和 * 别名层层复制内容；把内容照写出来"))
        self.seen.add(id(node))

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key in result:
                first = _from_mark(self.positions[path + (key,)])
                raise YamlProblem(_error(self.name, _position(key_node), path + (key,), "duplicate-key",
                                         f"键“{key}”重复出现（第一次在第 {first.line} 行）",
                                         "删除或合并其中一个；YAML 只会保留最后一个，前面的内容会静默丢失"))
            self.positions[path + (key,)] = key_node.start_mark
            result[key] = self.build(value_node, path + (key,))
        return result

    def key(self, node: yaml.Node, path: KeyPath) -> str | int:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlProblem(_error(self.name, _position(node), path, "yaml-syntax",
                                     "键必须是简单的文字或数字", "不要用列表或映射作键"))
        key = self.scalar(node, path)
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            return str(node.value)
        return key

    def _check_tag(self, node: yaml.Node, path: KeyPath, allowed: frozenset[str]) -> str:
        """The kind of a node's tag; an explicit tag that makes anything else (`!!binary`, `!!python/…`)
        is an error, never silently read as text."""
        tag = node.tag
        kind = _KIND_OF_TAG.get(tag) or (tag[len(_TAG):] if tag.startswith(_TAG) else None)
        if kind not in allowed:
            shown = f"!!{kind}" if kind is not None else node.tag
            raise YamlProblem(_error(self.name, _position(node), path, "yaml-syntax",
                                     f"不支持的 YAML 标签 {shown}", "删除这个以 ! 开头的标签"))
        return kind

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        kind, value = self._check_tag(node, path, _SCALAR_KINDS), node.value
        bad = _FORBIDDEN_CHAR.search(value)
        if bad:
            raise YamlProblem(_error(self.name, _position(node), path, "bad-character",
                                     f"文字含无效字符 U+{ord(bad.group(0)):04X}",
                                     "删除这个字符（多为引号内的 \\x00、\\u0000、\\ud800 一类转义）"))
        if kind == "str":  # most values: nothing more to do
            return value
        if kind in ("int", "float") and len(value) > MAX_NUMBER_CHARS:
            raise YamlProblem(_error(self.name, _position(node), path, "yaml-limit",
                                     f"数字有 {len(value)} 位，超过上限 {MAX_NUMBER_CHARS} 位",
                                     "核对这个数字；如果是编码等文字，请加引号"))
        if kind == "null":
            return None
        if kind == "bool":
            return {"true": True, "false": False}.get(value.lower(), value)
        if kind == "int":
            return int(value) if _INT.match(value) else value
        if kind == "float":
            return Decimal(value) if _DECIMAL.match(value) else value
        if kind == "timestamp" and _DATE.match(value):
            return _date(value)
        return value


def _date(value: str) -> dt.date | str:
    """A date, or the text as written when no such day exists (2026-13-01): the schema then reports
    it where a date is expected, beside the file's other problems, and a text field keeps it."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _position(node: yaml.Node) -> Position:
    return _from_mark(node.start_mark)


def _from_mark(mark: Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


class _Dumper(yaml.SafeDumper):
    """Writes YAML that `load_text` reads back to the same values (Decimal digits included)."""


Scalar = tuple[str, str, str | None]  # a scalar as written: its tag, its text and its style


def _decimal_scalar(value: Decimal) -> Scalar:
    # Plain 100.50 is read back as Decimal("100.50"); a whole number must look like an int.
    text = format(value, "f")
    return _TAG + ("float" if "." in text else "int"), text, None


def _text_scalar(value: str) -> Scalar:
    # Rich text keeps its line breaks as a readable block rather than an escaped string.
    return _TAG + "str", value, "|" if "\n" in value else None


def _represent_as(scalar: Callable[[Any], Scalar]) -> Callable[[yaml.SafeDumper, Any], yaml.Node]:
    """A representer writing the value as `scalar` says, through the dumper (which remembers the node, as
    it does every node)."""
    def represent(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
        return dumper.represent_scalar(*scalar(value))
    return represent


_Dumper.add_representer(Decimal, _represent_as(_decimal_scalar))
_Dumper.add_representer(str, _represent_as(_text_scalar))


class _FastDumper(_TagsRemembered, yaml.CSafeDumper):
    """The same representers on libyaml's emitter: four times faster, the same bytes except where it
    escapes a character (U+2028, U+0085, beyond U+FFFF: a rare Han of Extension B) that PyYAML writes as is."""


_FastDumper.yaml_representers = dict(_Dumper.yaml_representers)
YAML_OPTIONS = {"allow_unicode": True, "sort_keys": False, "width": 10_000}


def dump_yaml(data: Any) -> str:
    fast = _emit(data)
    if "\\" not in fast:  # no escape at all, so none of libyaml's own: the bytes PyYAML writes
        return fast
    return yaml.dump(data, Dumper=_Dumper, **YAML_OPTIONS)


def _emit(data: Any) -> str:
    """`yaml.dump(data, Dumper=_FastDumper, **YAML_OPTIONS)`, its events made here and given to libyaml's
    emitter. PyYAML's representers look up each value's type, ask whether it was met before and make a node
    through three calls; its serializer then walks the nodes, asking the resolver twice for each scalar
    and telling it of each step in and out (public_yaml 3.4 → 3.05 ms a filing with events instead of nodes).
    Only the kinds of value a model dump holds are written here, as the representers and the serializer
    write them; anything else, or an object met twice (which they write as an anchor and an alias), is
    left to them."""
    stream = io.StringIO()
    dumper = _FastDumper(stream, default_flow_style=False, **YAML_OPTIONS)
    try:
        dumper.open()
        dumper.emit(yaml.DocumentStartEvent(explicit=False))
        _Events(dumper).value(data)
        dumper.emit(yaml.DocumentEndEvent(explicit=False))
        dumper.close()
    except _Unusual:
        return yaml.dump(data, Dumper=_FastDumper, **YAML_OPTIONS)
    finally:
        dumper.dispose()
    return stream.getvalue()


# The event of each text written, by the text (see _Events.value); the emitter only reads events.
_TEXT_EVENTS: dict[str, yaml.ScalarEvent] = {}
_MAPPING_START = yaml.MappingStartEvent(None, _TAG + "map", True, flow_style=False)
_MAPPING_END = yaml.MappingEndEvent()
_SEQUENCE_START = yaml.SequenceStartEvent(None, _TAG + "seq", True, flow_style=False)
_SEQUENCE_END = yaml.SequenceEndEvent()


class _Unusual(Exception):
    """A value that _Events leaves to PyYAML's representers."""


class _Events:
    """The events PyYAML's serializer emits for the nodes SafeRepresenter makes, with `default_flow_style=False`
    and the representers above: block collections, tags implied, each scalar plain where it reads back as
    its own tag and quoted otherwise (the emitter chooses how)."""

    def __init__(self, dumper: yaml.CSafeDumper) -> None:
        self.emit, self.resolve = dumper.emit, dumper.resolve
        self.met: set[int] = set()  # objects the representers would remember, to write an alias the second time

    def value(self, value: Any) -> None:
        kind = type(value)
        if kind is str:
            # A text's event depends on the text alone, and a filing repeats its keys and many values (the
            # largest of content/: 3,453 texts, 409 of them different): each made once, the events of a
            # filing's YAML 2.7 → 1.35 ms, of which libyaml's emitter is ~0.75.
            if (event := _TEXT_EVENTS.get(value)) is None:
                if len(_TEXT_EVENTS) > MEMO_LIMIT:
                    _TEXT_EVENTS.clear()
                event = _TEXT_EVENTS[value] = self.scalar_event(*_text_scalar(value))
            return self.emit(event)
        if kind is int:
            return self.scalar(_TAG + "int", str(value))
        if value is None:
            return self.scalar(_TAG + "null", "null")
        if kind is bool:
            return self.scalar(_TAG + "bool", "true" if value else "false")
        if id(value) in self.met:
            raise _Unusual
        self.met.add(id(value))
        if kind is dict:
            self.emit(_MAPPING_START)
            for key, item in value.items():
                self.value(key)
                self.value(item)
            return self.emit(_MAPPING_END)
        if kind is list:
            self.emit(_SEQUENCE_START)
            for item in value:
                self.value(item)
            return self.emit(_SEQUENCE_END)
        if kind is Decimal:
            return self.scalar(*_decimal_scalar(value))
        if kind is dt.date:
            return self.scalar(_TAG + "timestamp", value.isoformat())
        raise _Unusual

    def scalar(self, tag: str, text: str, style: str | None = None) -> None:
        self.emit(self.scalar_event(tag, text, style))

    def scalar_event(self, tag: str, text: str, style: str | None = None) -> yaml.ScalarEvent:
        # Quoted, only a text is read back as a text (the resolver's rule): other tags are implied when plain.
        plain = self.resolve(yaml.ScalarNode, text, (True, False)) == tag
        return yaml.ScalarEvent(None, tag, (plain, tag == _TAG + "str"), text, style=style)
