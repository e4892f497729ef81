"""Rules as data: one YAML file a rule under rules/<lang>/<category>/<slug>.yaml.

Files deeper than that (rules/<lang>/<category>/<dir>/...) are data (lexicons,
grammars) read by the kinds, not rules.  Every rule is decoded strictly: an
unknown key, a wrong type, a bad regular expression or a malformed example is
a SourceError with path:line:col.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.model import CATEGORIES, SEVERITIES, Example, Rule
from factcheck.yamlio import Located, SourceError, load_located

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
_MARKS = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")
LANGS = ("ar", "en")
COMMON_KEYS = {"kind", "category", "severity", "message", "description", "examples", "needs", "enabled"}


@dataclass(frozen=True)
class Opt:
    """One option of a kind: type is str|bool|int|float|regex|list[str]|list[regex]|dict|list[dict]|list."""

    type: str
    default: Any = None
    required: bool = False
    choices: tuple = ()
    doc: str = ""


def _type_ok(v, t: str) -> bool:
    if t in ("str", "regex"):
        return isinstance(v, str)
    if t == "bool":
        return isinstance(v, bool)
    if t == "int":
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "float":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t in ("list[str]", "list[regex]"):
        return isinstance(v, list) and all(isinstance(x, str) for x in v)
    if t == "dict":
        return isinstance(v, dict)
    if t == "list[dict]":
        return isinstance(v, list) and all(isinstance(x, dict) for x in v)
    if t == "list":
        return isinstance(v, list)
    return False


def _check_template(loc, key, template):
    """A message template that cannot render is an error at its line (factcheck.messages)."""
    from factcheck.messages import check

    why = check(template)
    if why:
        raise loc.error((key,), f"{key!r}: {why}")


def check_regex(loc: Located, keypath: tuple, pattern: str, flags: int = 0) -> None:
    """A rule's expression that does not compile is an error at its line.  Compiled through
    the compiled-pattern cache (factcheck.rxcache, set "rules", as the kinds compile them):
    the kind that builds the rule gets the same pattern back, and the next run skips the
    parse."""
    import regex

    from factcheck import rxcache

    try:
        rxcache.compile(pattern, flags | regex.V0, "rules")
    except regex.error as e:
        raise loc.error(keypath, f"bad regular expression {pattern!r}: {e}") from None


def parse_example(loc: Located, keypath: tuple, item, bad: bool) -> Example:
    if isinstance(item, str):
        raw, fixed, published = item, None, None
        extra = {}
    elif isinstance(item, dict):
        extra = dict(item)
        if "text" not in extra or not isinstance(extra["text"], str):
            raise loc.error(keypath, "an example needs a 'text' string")
        raw = extra.pop("text")
        fixed = extra.pop("fixed", None)
        published = extra.pop("published", None)
        for k in extra:
            raise loc.error(keypath + (("key", k),), f"unknown example key {k!r} (expected text, fixed, published)")
        if fixed is not None and not isinstance(fixed, str):
            raise loc.error(keypath + ("fixed",), "'fixed' must be a string")
        if fixed is not None and not bad:
            raise loc.error(keypath + ("fixed",), "a good example has nothing to fix")
    else:
        raise loc.error(keypath, "an example is a string or a mapping with 'text'")
    text, spans = [], []
    opened = None
    n = 0  # characters of the text so far
    pos = 0
    for m in _MARKS.finditer(raw):  # the markers only: the text between them is copied whole
        i, ch = m.start(), m.group()
        text.append(raw[pos:i])
        n += i - pos
        pos = i + 1
        if ch == MARK_OPEN:
            if opened is not None:
                raise loc.error(keypath, f"nested {MARK_OPEN} in example")
            opened = n
        else:
            if opened is None:
                raise loc.error(keypath, f"{MARK_CLOSE} without {MARK_OPEN} in example")
            spans.append((opened, n))
            opened = None
    text.append(raw[pos:])
    if opened is not None:
        raise loc.error(keypath, f"{MARK_OPEN} never closed in example")
    if bad and not spans:
        raise loc.error(keypath, f"a bad example must mark its span(s) with {MARK_OPEN}…{MARK_CLOSE}")
    if not bad and spans:
        raise loc.error(keypath, "a good example must not mark spans")
    line, col = loc.where(keypath)
    pub = None
    if published is not None:
        import datetime as _dt

        if isinstance(published, _dt.date):
            pub = published.isoformat()
        elif isinstance(published, str):
            pub = published
        else:
            raise loc.error(keypath + ("published",), "'published' must be a date YYYY-MM-DD")
    ex = Example("".join(text), tuple(spans), fixed, line, col)
    if pub:
        object.__setattr__(ex, "published", pub)  # optional attribute read by the runner
    return ex


def load_rule_file(path: Path, root: Path, kinds=None) -> Rule:
    """Decode and validate one rule file; raises SourceError."""
    from factcheck.kinds import get_kind, KIND_NAMES

    from factcheck.inputs import InputError, read_file

    display = str(path)
    try:
        text = read_file(path).decode("utf-8")  # with the input cap
    except InputError as e:
        raise SourceError(display, 1, 1, str(e)) from None
    except UnicodeDecodeError as e:
        raise SourceError(display, 1, 1, f"not UTF-8: invalid byte at offset {e.start}") from None
    loc = load_located(text, display)
    data = loc.value
    if not isinstance(data, dict):
        raise loc.error((), "a rule file must be a mapping")
    rel = path.relative_to(root).with_suffix("")
    lang, category_dir, slug = rel.parts
    rid = f"{lang}.{category_dir}.{slug}"
    if lang not in LANGS:
        raise loc.error((), f"unknown language directory {lang!r} (expected one of {', '.join(LANGS)})")

    kind_name = data.get("kind")
    if kind_name is None:
        raise loc.error((), "missing required key 'kind'")
    if kind_name not in KIND_NAMES:
        raise loc.error(("kind",), f"unknown kind {kind_name!r} (known: {', '.join(sorted(KIND_NAMES))})")
    kind = get_kind(kind_name)
    options_spec: dict[str, Opt] = kind.OPTIONS
    for key in data:
        if key not in COMMON_KEYS and key not in options_spec:
            allowed = sorted(COMMON_KEYS | set(options_spec))
            raise loc.error((("key", key),), f"unknown key {key!r} for kind {kind_name!r} (allowed: {', '.join(allowed)})")

    category = data.get("category", category_dir)
    if category not in CATEGORIES:
        raise loc.error(("category",), f"unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise loc.error(("severity",), f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    for key in ("message", "description"):
        if key not in data:
            raise loc.error((), f"missing required key {key!r}")
        if not isinstance(data[key], str) or not data[key].strip():
            raise loc.error((key,), f"{key!r} must be a non-empty string")
    _check_template(loc, "message", data["message"])
    needs = data.get("needs", [])
    if not _type_ok(needs, "list[str]") or any(n not in ("published", "analysis") for n in needs):
        raise loc.error(("needs",), "'needs' is a list of: published, analysis")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise loc.error(("enabled",), "'enabled' must be true or false")

    options = {}
    for name, spec in options_spec.items():
        if name in data:
            v = data[name]
            if not _type_ok(v, spec.type):
                if spec.type.startswith("list[") and isinstance(v, list):
                    for i, x in enumerate(v):
                        if not _type_ok([x], spec.type):
                            hint = " (quote it: YAML reads yes/no/on/off as true/false)" if isinstance(x, bool) else ""
                            raise loc.error((name, i), f"{name!r}: item {i} must be a string, not "
                                                       f"{type(x).__name__} {x!r}{hint}")
                raise loc.error((name,), f"{name!r} must be of type {spec.type}, not {type(v).__name__}")
            if spec.choices and v not in spec.choices:
                raise loc.error((name,), f"{name!r} must be one of {', '.join(map(str, spec.choices))}")
            if name.endswith("message") and isinstance(v, str):
                _check_template(loc, name, v)
            if spec.type == "regex":
                check_regex(loc, (name,), v)
            elif spec.type == "list[regex]":
                for i, p in enumerate(v):
                    check_regex(loc, (name, i), p)
            options[name] = v
        elif spec.required:
            raise loc.error((), f"missing required key {name!r} for kind {kind_name!r}")
        else:
            options[name] = spec.default
    if hasattr(kind, "validate"):
        kind.validate(options, loc, lang)

    examples = data.get("examples")
    if not isinstance(examples, dict):
        raise loc.error(("examples",) if examples is not None else (), "'examples' with 'bad' and 'good' lists is required")
    for k in examples:
        if k not in ("bad", "good"):
            raise loc.error(("examples", ("key", k)), f"unknown key {k!r} in examples (expected bad, good)")
    bad = examples.get("bad") or []
    good = examples.get("good") or []
    if not isinstance(bad, list) or not bad:
        raise loc.error(("examples",), "at least one bad example is required")
    if not isinstance(good, list) or not good:
        raise loc.error(("examples",), "at least one good example is required")
    bad_ex = tuple(parse_example(loc, ("examples", "bad", i), x, True) for i, x in enumerate(bad))
    good_ex = tuple(parse_example(loc, ("examples", "good", i), x, False) for i, x in enumerate(good))
    rule = Rule(rid, lang, kind_name, category, severity, data["message"].strip(), data["description"].strip(),
                options, bad_ex, good_ex, display, tuple(needs))
    if not enabled:
        object.__setattr__(rule, "disabled", True)
    return rule


def rule_files(root: Path) -> list[Path]:
    """Rule files directly at <root>/<lang>/<category>/<slug>.yaml, sorted."""
    out = []
    if not root.is_dir():
        return out
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for cat_dir in sorted(p for p in lang_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            out.extend(sorted(p for p in cat_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
    return out


@dataclass
class RuleSet:
    rules: list[Rule]
    errors: list[SourceError]

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


def load_rules(extra_dirs: tuple[str, ...] = (), built: bool = True) -> RuleSet:
    """Every rule of the built-in pack and of `extra_dirs` (a later directory overrides a
    rule of the same id).  With `built` (the default), a built-in rule file whose bytes and
    decoding code are those the built rules were made from (`factcheck/data/built_rules.marshal`,
    see _built_rules) is read from them instead of being decoded again; `factcheck rules
    validate` decodes every file."""
    return _load_rules(tuple(str(d) for d in extra_dirs), built)


@lru_cache(maxsize=8)
def _load_rules(extra_dirs: tuple[str, ...], built: bool = True) -> RuleSet:
    from factcheck.resources import builtin_rules_dir

    rules: dict[str, Rule] = {}
    errors: list[SourceError] = []
    builtin = builtin_rules_dir()
    roots = [builtin] + [Path(d) for d in extra_dirs]
    for root in roots:
        if not root.is_dir():
            errors.append(SourceError(str(root), 1, 1, "rule directory not found"))
            continue
        try:
            files = rule_files(root)
        except OSError as e:  # a folder that cannot be listed («rules_dirs: [/proc]»): an error, not a traceback
            errors.append(SourceError(str(e.filename or root), 1, 1,
                                      f"cannot read rule directory: {e.strerror or e}"))
            continue
        made = _built_rules() if built and root is builtin else {}
        for path in files:
            try:
                rule = _from_built(made, path, root) if made else None
                if rule is None:
                    rule = load_rule_file(path, root)
            except SourceError as e:
                errors.append(e)
                continue
            except ValueError as e:  # e.g. a file not at <lang>/<category>/<slug>
                errors.append(SourceError(str(path), 1, 1, str(e)))
                continue
            rules[rule.id] = rule  # a later directory overrides a built-in rule of the same id
    return RuleSet(sorted(rules.values(), key=lambda r: r.id), errors)


# ---------------------------------------------------------------- built rules
#
# factcheck/data/built_rules.marshal: every rule file of the built-in pack as
# load_rule_file decodes and validates it, as plain values, each filed under a digest of
# the file's bytes, the whole under a digest of the code that decodes rules (this module,
# the model, the YAML reader, the message templates, every kind's options and validation)
# and of the `regex` release (a rule's expressions are checked by it).  A cold check reads
# one small file instead of parsing 71 YAML files and validating them (about 30 ms, and the
# import of PyYAML); a rule file edited since, or any change of that code, is decoded from
# its YAML as before.  Written by scripts/build_rule_data.py; tests/test_rule_data_snapshot.py
# fails when it is stale.  It holds no data files' values: those have their own snapshot
# (factcheck.resources), and a kind reads them when it is built.

BUILT_RULES_MAGIC = "factcheck built rules 1"


def built_rules_path() -> Path:
    return Path(__file__).resolve().parent / "data" / "built_rules.marshal"


def _code_sources() -> list[Path]:
    here = Path(__file__).resolve().parent
    names = ("rules.py", "model.py", "yamlio.py", "messages.py", "inputs.py", "resources.py")
    return [here / n for n in names] + sorted((here / "kinds").glob("*.py"))


def code_digest() -> bytes | None:
    """What the built rules are filed under: the decoding code's bytes and the regex release."""
    import regex

    from factcheck.resources import blake2b

    h = blake2b(f"regex {regex.__version__}".encode(), digest_size=16)
    try:
        for p in _code_sources():
            raw = p.read_bytes()
            h.update(p.name.encode() + len(raw).to_bytes(8, "little") + raw)
    except OSError:
        return None
    return h.digest()


@lru_cache(maxsize=None)
def _built_rules() -> dict:
    """{path relative to the pack (posix): (digest of the file's bytes, plain rule)}; {} when
    there is no such file, it is not ours, or the code changed since it was written."""
    import marshal

    try:
        data = marshal.loads(built_rules_path().read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("magic") != BUILT_RULES_MAGIC or not isinstance(data.get("rules"), dict):
        return {}
    if data.get("code") != code_digest():
        return {}
    return data["rules"]


def _to_plain(rule: Rule) -> tuple:
    def ex(e: Example):
        return (e.text, e.spans, e.fixed, e.line, e.column, getattr(e, "published", None))

    return (rule.kind, rule.category, rule.severity, rule.message, rule.description, rule.options,
            tuple(map(ex, rule.bad)), tuple(map(ex, rule.good)), rule.needs, not getattr(rule, "disabled", False))


def _from_plain(rid: str, lang: str, display: str, plain: tuple) -> Rule:
    kind, category, severity, message, description, options, bad, good, needs, enabled = plain

    def ex(t):
        e = Example(*t[:5])
        if t[5]:
            object.__setattr__(e, "published", t[5])
        return e

    rule = Rule(rid, lang, kind, category, severity, message, description, options,
                tuple(map(ex, bad)), tuple(map(ex, good)), display, tuple(needs))
    if not enabled:
        object.__setattr__(rule, "disabled", True)
    return rule


def _from_built(made: dict, path: Path, root: Path) -> Rule | None:
    """The rule of `path` from the built rules, when they hold it as its bytes are now."""
    from factcheck.resources import data_digest

    rel = path.relative_to(root)
    entry = made.get(rel.as_posix())
    if entry is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if data_digest(raw) != entry[0]:
        return None
    lang, category_dir, slug = rel.with_suffix("").parts
    try:
        return _from_plain(f"{lang}.{category_dir}.{slug}", lang, str(path), entry[1])
    except (TypeError, ValueError, IndexError):
        return None  # not what this code writes: decode the file


def build_rules_file() -> Path:
    """Write built_rules.marshal from the built-in pack (scripts/build_rule_data.py); a rule
    file with errors is left out (it is decoded, and reported, at run time)."""
    import marshal

    from factcheck.resources import builtin_rules_dir, data_digest, write_marshal

    root = builtin_rules_dir()
    out = {}
    for path in rule_files(root):
        try:
            rule = load_rule_file(path, root)
        except (SourceError, ValueError):
            continue
        plain = _to_plain(rule)
        if marshal.loads(marshal.dumps(plain, 4)) != plain:
            raise ValueError(f"{path}: the decoded rule does not survive marshal")
        out[path.relative_to(root).as_posix()] = (data_digest(path.read_bytes()), plain)
    target = built_rules_path()
    if write_marshal(target, {"magic": BUILT_RULES_MAGIC, "code": code_digest(), "rules": out}):
        _built_rules.cache_clear()
    return target


def unknown_id(rid: str, known, meta=(), glob_must_match: bool = False) -> str | None:
    """Why `rid` (a rule id or a glob of --select/--ignore/the configuration) names no rule,
    or None: a plain id that is no rule's; with `glob_must_match` (select), a glob that
    matches none too (a misspelled select glob would turn every check off, and CI would stay
    green; an ignore glob that matches nothing hides nothing)."""
    if any(c in rid for c in "*?["):
        if not glob_must_match or any(matches(r, (rid,)) for r in (*known, *meta)):
            return None
        return f"{rid!r} matches no rule id"
    if rid in known or rid in meta:
        return None
    return f"unknown rule id {rid!r}"


def matches(rule_id: str, patterns) -> bool:
    """Does the rule id match one of these globs?  (Compiled once per list: see globs.py.)"""
    if not patterns:
        return False
    from factcheck.globs import globset

    return globset(tuple(patterns)).match(rule_id)
