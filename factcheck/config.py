"""Configuration: .factcheck.yaml, or [tool.factcheck] in pyproject.toml, found
from the checked path upward.

    select: ["*"]                 # rule ids or globs
    ignore: ["*.typography.double-space"]
    severity: {"ar.typography.latin-punctuation": error}
    rules_dirs: [my-rules]        # extra rule directories, relative to this file
    language: ar                  # when the script does not decide
    fail_on: warning
    overrides:
      - paths: ["opinion/**"]
        ignore: ["*.repetition.*"]
    analysis: {ar: {model: models/better.udpipe}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcheck.model import SEVERITIES
from factcheck.yamlio import Located, SourceError, load_located

CONFIG_NAMES = (".factcheck.yaml", ".factcheck.yml")
TOP_KEYS = {"select", "ignore", "severity", "rules_dirs", "language", "fail_on", "overrides", "analysis"}
OVERRIDE_KEYS = {"paths", "select", "ignore", "severity", "language"}
META_RULES = ("factcheck.unused-suppression", "factcheck.unused-baseline")


class ConfigError(Exception):
    pass


@dataclass
class Override:
    paths: list[str]
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    language: str | None = None


@dataclass
class Config:
    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] = field(default_factory=lambda: ["*"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rules_dirs: list[str] = field(default_factory=list)
    language: str | None = None
    fail_on: str | None = None
    overrides: list[Override] = field(default_factory=list)
    analysis: dict = field(default_factory=dict)
    _marks: Located | None = None

    def for_path(self, path: str | None, resolve: bool = True):
        """(select, ignore, severity, language) in force for one file.  resolve=False
        matches `path` as a string and never touches the file system (a server's label)."""
        select, ignore, severity, language = list(self.select), list(self.ignore), dict(self.severity), self.language
        if path and self.overrides:
            try:
                rel = (Path(path).resolve() if resolve else Path(path)).relative_to(self.root.resolve()).as_posix()
            except ValueError:
                rel = Path(path).as_posix()
            from factcheck.globs import globset

            for ov in self.overrides:
                if globset(tuple(ov.paths)).match(rel):
                    if ov.select is not None:
                        select = list(ov.select)
                    ignore += ov.ignore
                    severity.update(ov.severity)
                    language = ov.language or language
        return select, ignore, severity, language

    def check_rule_ids(self, known: set[str]) -> None:
        """An entry that names no known rule (and is not a glob) is an error."""
        def check(ids, keypath, select=False):
            from factcheck.rules import unknown_id

            for i, rid in enumerate(ids):
                why = unknown_id(rid, known, META_RULES, glob_must_match=select)
                if why is None:
                    continue
                where = self._where(keypath + (i,) if not isinstance(ids, dict) else keypath + (("key", rid),))
                raise ConfigError(f"{where}: {why}")

        check(self.select, ("select",), select=True)
        check(self.ignore, ("ignore",))
        check(list(self.severity), ("severity",))
        for n, ov in enumerate(self.overrides):
            check(ov.select or [], ("overrides", n, "select"), select=True)
            check(ov.ignore, ("overrides", n, "ignore"))
            check(list(ov.severity), ("overrides", n, "severity"))

    def _where(self, keypath) -> str:
        if self._marks is None:
            return self.path or "config"
        line, col = self._marks.where(keypath)
        return f"{self.path}:{line}:{col}"


def _str_list(loc: Located, kp, v) -> list[str]:
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise loc.error(kp, "expected a list of strings")
    return list(v)


def _sev_map(loc: Located, kp, v) -> dict[str, str]:
    if not isinstance(v, dict):
        raise loc.error(kp, "expected a mapping of rule id to severity")
    for k, s in v.items():
        if s not in SEVERITIES:
            raise loc.error(kp + (k,), f"severity must be one of {', '.join(SEVERITIES)}, not {s!r}")
    return dict(v)


def _decode(loc: Located, base: Path) -> Config:
    data = loc.value if loc.value is not None else {}
    if not isinstance(data, dict):
        raise loc.error((), "the configuration must be a mapping")
    cfg = Config(path=loc.path, root=base, _marks=loc)
    for k in data:
        if k not in TOP_KEYS:
            raise loc.error((("key", k),), f"unknown key {k!r} (allowed: {', '.join(sorted(TOP_KEYS))})")
    if "select" in data:
        cfg.select = _str_list(loc, ("select",), data["select"])
    if "ignore" in data:
        cfg.ignore = _str_list(loc, ("ignore",), data["ignore"])
    if "severity" in data:
        cfg.severity = _sev_map(loc, ("severity",), data["severity"])
    if "rules_dirs" in data:
        dirs = _str_list(loc, ("rules_dirs",), data["rules_dirs"])
        for i, d in enumerate(dirs):
            p = (base / d).resolve()
            if not p.is_dir():
                raise loc.error(("rules_dirs", i), f"rule directory {d!r} not found")
            cfg.rules_dirs.append(str(p))
    if "language" in data:
        if data["language"] not in ("ar", "en"):
            raise loc.error(("language",), "language must be 'ar' or 'en'")
        cfg.language = data["language"]
    if "fail_on" in data:
        if data["fail_on"] not in SEVERITIES + ("never",):
            raise loc.error(("fail_on",), "fail_on must be error, warning, info or never")
        cfg.fail_on = data["fail_on"]
    if "analysis" in data:
        if not isinstance(data["analysis"], dict):
            raise loc.error(("analysis",), "expected a mapping such as {ar: {model: path}}")
        an = {}
        for lang, v in data["analysis"].items():
            if not isinstance(v, dict) or set(v) - {"model"} or not isinstance(v.get("model"), str):
                raise loc.error(("analysis", lang), "expected {model: path-to-udpipe-model}")
            model = (base / v["model"]).resolve()
            if not model.is_file():
                raise loc.error(("analysis", lang, "model"), f"analysis model {v['model']!r} not found")
            from factcheck.analysis import model_file_problem  # standard library only

            problem = model_file_problem(model)
            if problem:
                raise loc.error(("analysis", lang, "model"), f"analysis model {v['model']!r} {problem}")
            an[lang] = {"model": str(model)}
        cfg.analysis = an
    for n, ov in enumerate(data.get("overrides") or []):
        kp = ("overrides", n)
        if not isinstance(ov, dict):
            raise loc.error(kp, "an override is a mapping with 'paths'")
        for k in ov:
            if k not in OVERRIDE_KEYS:
                raise loc.error(kp + (("key", k),), f"unknown key {k!r} in override (allowed: {', '.join(sorted(OVERRIDE_KEYS))})")
        if "paths" not in ov:
            raise loc.error(kp, "an override needs 'paths'")
        o = Override(paths=_str_list(loc, kp + ("paths",), ov["paths"]))
        if "select" in ov:
            o.select = _str_list(loc, kp + ("select",), ov["select"])
        if "ignore" in ov:
            o.ignore = _str_list(loc, kp + ("ignore",), ov["ignore"])
        if "severity" in ov:
            o.severity = _sev_map(loc, kp + ("severity",), ov["severity"])
        if "language" in ov:
            if ov["language"] not in ("ar", "en"):
                raise loc.error(kp + ("language",), "language must be 'ar' or 'en'")
            o.language = ov["language"]
        cfg.overrides.append(o)
    return cfg


def load_config_file(path: Path) -> Config:
    from factcheck.inputs import InputError, display_path, read_file

    display = display_path(str(path))
    try:
        text = read_file(path).decode("utf-8")  # with the input cap; a FIFO is refused
    except InputError as e:
        if str(e) == "no such file":
            raise ConfigError(f"{display}: configuration file not found") from None
        raise ConfigError(f"{display}: cannot read configuration: {e}") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{display}: cannot read configuration: not UTF-8 (byte {e.start})") from None
    try:
        if path.name == "pyproject.toml":
            return _from_pyproject(path, text)
        return _decode(load_located(text, display), path.parent)
    except SourceError as e:
        raise ConfigError(str(e)) from None


def _from_pyproject(path: Path, text: str) -> Config:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    section = data.get("tool", {}).get("factcheck", {})
    # positions: the line where a key first appears below [tool.factcheck]
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines) if ln.strip().startswith("[tool.factcheck")), 0)
    marks = {(): (start + 1, 1)}

    def mark(keypath, key):
        for i in range(start, len(lines)):
            if lines[i].lstrip().startswith(str(key)) or f'"{key}"' in lines[i]:
                marks[keypath] = (i + 1, lines[i].find(str(key)) + 1 or 1)
                return

    def walk(v, kp):
        if isinstance(v, dict):
            for k, x in v.items():
                mark(kp + (k,), k)
                marks.setdefault(kp + (("key", k),), marks.get(kp + (k,), (start + 1, 1)))
                walk(x, kp + (k,))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                if isinstance(x, str):
                    mark(kp + (i,), x)
                walk(x, kp + (i,))

    walk(section, ())
    return _decode(Located(section, marks, str(path)), path.parent)


def has_tool_section(path: Path) -> bool:
    try:
        return "[tool.factcheck" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


_cache: dict[Path, Config] = {}


def find_config(start: Path) -> Config:
    """The configuration in force for a path: the nearest file upward, or the defaults."""
    d = start if start.is_dir() else start.parent
    d = d.resolve()
    chain = []
    for cur in [d, *d.parents]:
        if cur in _cache:
            cfg = _cache[cur]
            break
        found = None
        for name in CONFIG_NAMES:
            if (cur / name).is_file():
                found = cur / name
                break
        if found is None and (cur / "pyproject.toml").is_file() and has_tool_section(cur / "pyproject.toml"):
            found = cur / "pyproject.toml"
        chain.append(cur)
        if found is not None:
            cfg = load_config_file(found)
            break
    else:
        cfg = Config(root=Path.cwd())
    for c in chain:
        _cache[c] = cfg
    return cfg
