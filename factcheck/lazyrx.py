"""Module-level expressions compiled the first time they are used.

A module of many expressions (the date extractor has 45) paid for compiling all of them at
import, about 15 ms of a cold check, though an English article uses fewer than half of the
Arabic ones and none of some.  `regex_(...)` and `re_(...)` stand for `regex.compile(...)` and
`re.compile(...)` at module level; `bind(globals())`, at the end of the module, tells each
one its name, and the first attribute looked up on it (`.search`, `.match`, ...) compiles
it and puts the compiled pattern in its place in the module: from then on the module's
code reads the pattern itself, at no cost.  A reference taken before that (another module's
import of the name, a default argument) keeps the stand-in, which works the same, one
attribute look-up slower.
"""

from __future__ import annotations


class _Lazy:
    __slots__ = ("_lib", "_src", "_flags", "_rx", "_ns", "_name")

    def __init__(self, lib: str, src, flags: int):
        self._lib, self._src, self._flags = lib, src, flags
        self._rx = self._ns = self._name = None

    def compiled(self):
        rx = self._rx
        if rx is None:
            if self._lib == "regex":
                import regex as lib
            else:
                import re as lib
            rx = self._rx = lib.compile(self._src, self._flags)
            ns = self._ns
            if ns is not None and ns.get(self._name) is self:
                ns[self._name] = rx
        return rx

    def __getattr__(self, attr):
        return getattr(self.compiled(), attr)

    def __repr__(self):
        return f"<lazy {self._lib} pattern {self._src!r}>"


def regex_(src, flags: int = 0) -> _Lazy:
    """`regex.compile(src, flags)`, the first time it is used."""
    return _Lazy("regex", src, flags)


def re_(src, flags: int = 0) -> _Lazy:
    """`re.compile(src, flags)`, the first time it is used."""
    return _Lazy("re", src, flags)


def bind(ns: dict) -> None:
    """Name the stand-ins of a module's namespace, so that each replaces itself there once compiled."""
    for name, v in list(ns.items()):
        if type(v) is _Lazy:
            v._ns, v._name = ns, name
