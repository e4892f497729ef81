"""Safe YAML loading that remembers where every value came from."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.inputs import display_path, one_line

# PyYAML, imported the first time a YAML text is read (_lib): a plain check reads none (its
# rules and data come from built files), and the import is 20-30 ms of a cold start
yaml = None
_Loader = None  # libyaml's parser when PyYAML has it (several times faster), the pure-Python one otherwise


def _lib():
    global yaml, _Loader
    if yaml is None:
        import yaml as lib

        _Loader = getattr(lib, "CSafeLoader", lib.SafeLoader)
        yaml = lib
    return yaml


class SourceError(Exception):
    """An error in a user-supplied file, reported as path:line:col: message."""

    def __init__(self, path: str, line: int, col: int, message: str):
        message = one_line(str(message))
        super().__init__(f"{display_path(path)}:{line}:{col}: {message}")
        self.path, self.line, self.col, self.message = path, line, col, message


@dataclass
class Located:
    """A decoded YAML document and the positions of its values."""

    value: object
    marks: dict  # tuple path -> (line, col), 1-based
    path: str

    def where(self, keypath: tuple) -> tuple[int, int]:
        while keypath and keypath not in self.marks:
            keypath = keypath[:-1]
        return self.marks.get(keypath, (1, 1))

    def error(self, keypath: tuple, message: str) -> SourceError:
        line, col = self.where(keypath)
        return SourceError(self.path, line, col, message)


MAX_DEPTH = 100  # deeper nesting is refused: no front matter, rule or configuration needs it
# An alias is shared, not copied, but whoever reads the value may walk it as a tree; the
# tree an alias graph stands for is refused when it is larger than this many values and
# characters per character of source (an "alias bomb": a few hundred bytes, billions of values).
EXPANSION_PER_CHAR = 10
EXPANSION_FLOOR = 10_000


class _Budget:
    __slots__ = ("limit", "sizes", "open")

    def __init__(self, text: str):
        self.limit = EXPANSION_FLOOR + EXPANSION_PER_CHAR * len(text)
        self.sizes: dict[int, tuple[object, int]] = {}  # id(node) -> (value, expanded size)
        self.open: set[int] = set()  # collections being built (an alias to one is a cycle)


_STR = "tag:yaml.org,2002:str"


_CORE = "tag:yaml.org,2002:"
_TAGS_OK = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def _tag_check(node) -> None:
    """A tag other than YAML's plain types (`!!python/object/apply:...`, a merge key `<<`,
    `!custom`) is refused at its place: it is never constructed, and never silently read
    as the value under it either."""
    tag = node.tag
    if tag in _TAGS_OK or tag is None:
        return
    if tag == _CORE + "merge":
        raise SourceError("", *_where(node), "merge keys (<<) are not supported; write the keys out")
    shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
    shown = shown if len(shown) <= 60 else shown[:60] + "…"
    raise SourceError("", *_where(node), f"unsupported YAML tag {shown!r}")


def _where(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct(node, loader):
    try:
        return loader.construct_object(node)
    except yaml.YAMLError:
        raise
    except (ValueError, OverflowError, TypeError) as e:  # 2024-02-30, an int of 10,000 digits
        line, col = _where(node)
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        why = "time zone offset out of range" if "timedelta" in str(e) else str(e)
        raise SourceError("", line, col, f"cannot read {shown!r}: {why}") from None


def _convert(node, keypath, marks, loader, budget: _Budget, depth: int = 0):
    """(value, size of the tree it stands for).  A node met again through an alias gives
    the value already built (shared); its positions are those of its first place."""
    seen = budget.sizes.get(id(node))
    if seen is not None:
        marks.setdefault(keypath, _where(node))
        return seen
    if depth > MAX_DEPTH:
        line, col = _where(node)
        raise SourceError("", line, col, f"nested more than {MAX_DEPTH} levels deep")
    if id(node) in budget.open:
        raise SourceError("", *_where(node), "an alias refers to the value that contains it")
    marks[keypath] = _where(node)
    _tag_check(node)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        budget.open.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out = {}
        size = 1
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise SourceError("", *_where(knode), "keys must be plain strings")
            _tag_check(knode)
            key = _construct(knode, loader)
            try:
                dup = key in out
            except TypeError:  # an unhashable key
                raise SourceError("", *_where(knode), "keys must be plain strings") from None
            if dup:
                raise SourceError("", *_where(knode), f"duplicate key {key!r}")
            marks[keypath + (("key", key),)] = _where(knode)
            if id(vnode) in budget.sizes:  # an alias: its place is the key's line
                marks[keypath + (key,)] = _where(knode)
            out[key], n = _convert(vnode, keypath + (key,), marks, loader, budget, depth + 1)
            size += n + 1
            _spend(budget, size, node)
        value = out
    elif isinstance(node, yaml.SequenceNode):
        value = []
        size = 1
        sizes = budget.sizes
        for i, v in enumerate(node.value):
            if v.tag == _STR and type(v) is yaml.ScalarNode and id(v) not in sizes:
                # a plain string, met once: the common case (a list of 200,000 globs), inlined
                value.append(v.value)
                marks[keypath + (i,)] = (v.start_mark.line + 1, v.start_mark.column + 1)
                size += 1 + len(v.value)
                continue
            x, n = _convert(v, keypath + (i,), marks, loader, budget, depth + 1)
            value.append(x)
            size += n
            _spend(budget, size, node)
        _spend(budget, size, node)
    else:
        value = _construct(node, loader)
        size = 1 + len(node.value) if isinstance(node.value, str) else 1
    budget.open.discard(id(node))
    budget.sizes[id(node)] = (value, size)
    return value, size


def _spend(budget: _Budget, size: int, node) -> None:
    if size > budget.limit:
        line, col = _where(node)
        raise SourceError("", line, col, "aliases expand to more values than the file could hold "
                                         f"(over {budget.limit}); refused as an alias bomb")


def load_located(text: str, path: str) -> Located:
    """Load one YAML document with the safe loader, keeping line:col of each value."""
    _lib()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        marks: dict = {}
        value = None if node is None else _convert(node, (), marks, loader, _Budget(text))[0]
    except SourceError as e:
        raise SourceError(path, e.line, e.col, e.message) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError(path, line, col, f"invalid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise SourceError(path, 1, 1, f"invalid YAML: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    except RecursionError:
        raise SourceError(path, 1, 1, f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()
    return Located(value, marks, path)
