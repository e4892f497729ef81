"""Shared pieces of the benchmark: the corpus, counting words and sentences,
engines with and without model analysis, timing helpers and the calibration loop.

Definitions used everywhere in the report:

* word: a maximal run of non-space characters (``str.split()``);
* sentence: a piece of text between . ! ? ؟ or a line break that holds at
  least one letter or digit (``SENTENCE_SPLIT`` below); titles count;
* alarm: a finding of severity error or warning (info is listed apart).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import random
import re
import statistics
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
SEED = 20240917

SENTENCE_SPLIT = re.compile(r"[.!?؟\n]+")
_HAS_WORD = re.compile(r"\w")


def corpus_root() -> Path | None:
    """The shared corpus: $FACTCHECK_CORPUS when set, else <repo>/../shared/corpus; None when absent."""
    env = os.environ.get("FACTCHECK_CORPUS")
    for cand in ([Path(env)] if env else [REPO.parent / "shared" / "corpus"]):  # a set variable is final
        if cand.is_dir() and (cand / "ar").is_dir() and (cand / "en").is_dir():
            return cand
    return None


@dataclass
class Article:
    lang: str
    source: str  # folder name, e.g. "saudinewsnet"
    file: str
    path: Path
    published: _dt.date | None
    meta: dict = field(default_factory=dict, repr=False)
    _text: str | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.path.read_text(encoding="utf-8")
        return self._text

    @property
    def name(self) -> str:
        return f"{self.lang}/{self.source}/{self.file}"


def parse_date(v) -> _dt.date | None:
    if not v:
        return None
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def read_index(folder: Path) -> list[dict]:
    idx = folder / "index.jsonl"
    if not idx.is_file():
        return []
    with idx.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@lru_cache(maxsize=4)
def articles(lang: str, root: str | None = None) -> tuple[Article, ...]:
    """Every clean article of one language (the revisions folder is not included), sorted by name."""
    base = Path(root) if root else corpus_root()
    if base is None:
        return ()
    out = []
    for folder in sorted(p for p in (base / lang).iterdir() if p.is_dir()):
        if folder.name.endswith("_revisions"):
            continue
        for rec in read_index(folder):
            p = folder / rec["file"]
            if p.is_file():
                out.append(Article(lang, folder.name, rec["file"], p, parse_date(rec.get("published")), rec))
    return tuple(out)


def sample(items, n: int | None, seed: int = SEED, stratify=None) -> list:
    """A fixed-seed sample of n items (all when n is None or too large), in a stable order.

    With ``stratify`` (a key function) the n items are spread evenly over the groups."""
    items = list(items)
    if n is None or n >= len(items):
        return items
    rng = random.Random(seed)
    if stratify is None:
        return sorted(rng.sample(items, n), key=lambda a: getattr(a, "name", str(a)))
    groups: dict = {}
    for it in items:
        groups.setdefault(stratify(it), []).append(it)
    keys = sorted(groups)
    per = {k: 0 for k in keys}
    left = n
    while left > 0:
        progress = False
        for k in keys:
            if left and per[k] < len(groups[k]):
                per[k] += 1
                left -= 1
                progress = True
        if not progress:
            break
    out = []
    for k in keys:
        out.extend(rng.sample(groups[k], per[k]))
    return sorted(out, key=lambda a: getattr(a, "name", str(a)))


def count_words(text: str) -> int:
    return len(text.split())


def count_sentences(text: str) -> int:
    return sum(1 for s in SENTENCE_SPLIT.split(text) if _HAS_WORD.search(s))


# ------------------------------------------------------------------ engine

def rules_needing_analysis(ruleset=None) -> list[str]:
    """Rules that declare ``needs: [analysis]``."""
    from factcheck.rules import load_rules

    rs = ruleset or load_rules()
    return [r.id for r in rs.rules if "analysis" in r.needs]


def rules_with_analysis_option(ruleset=None) -> dict[str, bool]:
    """Rules of a kind with a ``use_analysis`` option: id -> whether it is switched on."""
    from factcheck.rules import load_rules

    rs = ruleset or load_rules()
    return {r.id: bool(r.options.get("use_analysis")) for r in rs.rules
            if "use_analysis" in r.options and not getattr(r, "disabled", False)}


def make_engine(analysis="configured"):
    """An engine over every rule that exists now.

    analysis: "configured" (or True) = the rules as they are; "off" (or False) = rules that
    need the model are ignored (as ``--ignore`` would) and ``use_analysis`` options are
    switched off; "forced" = every ``use_analysis`` option switched on."""
    import dataclasses

    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet, load_rules

    mode = {True: "configured", False: "off"}.get(analysis, analysis)
    rs = load_rules()
    cfg = Config()
    if mode != "configured":
        rules = []
        for r in rs.rules:
            if "use_analysis" in r.options and not getattr(r, "disabled", False):
                r = dataclasses.replace(r, options={**r.options, "use_analysis": mode == "forced"})
            rules.append(r)
        rs = RuleSet(rules, rs.errors)
    if mode == "off":
        cfg.ignore = rules_needing_analysis(rs)
    return Engine(rs, cfg)


def uses_analysis(ruleset=None) -> bool:
    """Does any rule use the model as the rules are configured now?"""
    return bool(rules_needing_analysis(ruleset)) or any(rules_with_analysis_option(ruleset).values())


def timeline_fn():
    try:
        from factcheck.dates import timeline_for
    except Exception:  # module not there (yet)
        return None
    return timeline_for


def check_text(engine, name: str, text: str, lang: str, published, timeline=None):
    """What the CLI does for one article, in-process: parse, rules, timeline."""
    from factcheck.document import parse_document

    doc = parse_document(name, text, lang=lang, published=published)
    rep = engine.check(doc)
    if timeline is not None:
        try:
            rep.timeline = timeline(doc)
        except Exception as e:  # a broken timeline must not stop the benchmark
            rep.errors.append(f"timeline failed: {type(e).__name__}: {e}")
    return rep


# ------------------------------------------------------------------ timing

_CAL_TEXT = ("The minister said on Tuesday that 1,250 people were evacuated, according to officials. "
             "وقال الوزير يوم الثلاثاء إن 1250 شخصا أُجلوا، بحسب المسؤولين. ") * 40
_CAL_RE = re.compile(r"\b(\w+)\s+\1\b|[.,،]{2,}|«[^»]*»|\d+(?:,\d{3})*")


def _calibration_once() -> float:
    t0 = time.perf_counter()
    acc = 0
    d: dict = {}
    for _ in range(30):
        for m in _CAL_RE.finditer(_CAL_TEXT):
            acc += m.end() - m.start()
        for w in _CAL_TEXT.split():
            d[w] = d.get(w, 0) + 1
        acc += sum(1 for ch in _CAL_TEXT if ch.isalpha())
    assert acc and d
    return time.perf_counter() - t0


def calibrate(repeats: int = 7) -> float:
    """Seconds for a fixed pure-Python workload (regex, dict, string loop); min of repeats.

    Speeds are divided by this so that a figure stored on one machine can be
    compared with one measured on another (or on a busy one)."""
    _calibration_once()
    return min(_calibration_once() for _ in range(repeats))


def median(xs):
    return statistics.median(xs) if xs else None


def r3(x):
    return None if x is None else round(x, 3)


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def machine_info() -> dict:
    import platform

    info = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import psutil

        info["mem_total_mb"] = round(psutil.virtual_memory().total / 2**20)
        info["load_avg"] = [round(x, 2) for x in os.getloadavg()]
    except Exception:
        pass
    return info


def context(text: str, start: int, end: int, width: int = 40) -> str:
    """About `width` characters either side of text[start:end] (cut at a space), the match in [brackets]."""
    ls = max(0, start - width)
    left = text[ls:start]
    if ls > 0 and " " in left:
        left = left[left.index(" ") + 1:]
    re_ = min(len(text), end + width)
    right = text[end:re_]
    if re_ < len(text) and " " in right:
        right = right[:right.rindex(" ")]
    show = lambda s: s.replace("\n", "⏎")
    return f"…{show(left)}[{show(text[start:end])}]{show(right)}…"
