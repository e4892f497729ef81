"""Safe YAML loading that remembers where every value came from."""

from __future__ import annotations

from dataclasses import dataclass

import yaml


# libyaml's parser when PyYAML has it (several times faster), the pure-Python one otherwise
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """An error in a user-supplied file, reported as path:line:col: message."""

    def __init__(self, path: str, line: int, col: int, message: str):
        super().__init__(f"{path}:{line}:{col}: {message}")
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


def _convert(node, keypath, marks, loader):
    marks[keypath] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise SourceError("", knode.start_mark.line + 1, knode.start_mark.column + 1, "keys must be plain strings")
            key = loader.construct_object(knode)
            if key in out:
                raise SourceError("", knode.start_mark.line + 1, knode.start_mark.column + 1, f"duplicate key {key!r}")
            marks[keypath + (("key", key),)] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            out[key] = _convert(vnode, keypath + (key,), marks, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(v, keypath + (i,), marks, loader) for i, v in enumerate(node.value)]
    return loader.construct_object(node)


def load_located(text: str, path: str) -> Located:
    """Load one YAML document with the safe loader, keeping line:col of each value."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        marks: dict = {}
        value = None if node is None else _convert(node, (), marks, loader)
    except SourceError as e:
        raise SourceError(path, e.line, e.col, e.message) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError(path, line, col, f"invalid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise SourceError(path, 1, 1, f"invalid YAML: {e}") from None
    finally:
        loader.dispose()
    return Located(value, marks, path)
