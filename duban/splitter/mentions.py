"""Who must act: mentions as written (各街道, 区教育局, the streets, District Education Bureau)
and their resolution to the units and groups of a registry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from duban.splitter.fold import fold

_ZH_UNIT_NOUNS = (
    r"街道(?:\(办事处\)|办事处)?|镇街|街镇|乡镇|镇|社区|村居|村\(社区\)|行政村|村|部门|单位|成员单位|科室|企业|区县|县区"
    r"|网格|园区|学校|行业主管部门|职能部门|监管部门"
)
_ZH_DEPARTMENT_WORDS = (
    r"应急|教育|公安|消防|住建|住房|交通|卫健|卫生|市场监管|市场监督|城管|城市管理|执法|自然资源|农业农村|水务|水利"
    r"|文旅|文化|商务|民政|林业|气象|生态环境|环保|发改|发展改革|工信|经信|经济|财政|人社|司法|统计|规划|安委|交警"
)
_ZH_BOUNDARY = r"(?:(?<=^)|(?<=[\s,;:。、!?()“”\"由和与及同请对向会]))"
# "各部门、街道", "各街道和部门": a second group noun that shares the first one's 各.
_ZH_AND_GROUP = (
    rf"(?:[、和及与](?:有关|相关)?(?:{_ZH_UNIT_NOUNS})"
    r"(?=[^\u4e00-\u9fff]|要|和|与|及|负|牵|配|等|对|在|也|都|必|务|应|共|联|$))*"
)
_ZH = (  # compiled on first use, for the language in use (see mention_pattern)
    rf"各(?:级|地)?各?(?:有关|相关|职能|行业主管|成员)?(?:{_ZH_UNIT_NOUNS}){_ZH_AND_GROUP}"
    r"|(?:[区市县])?安委会(?:各)?成员单位|行业(?:主管|监管)部门|(?:有关|相关)(?:部门|单位)|属地街道|职能部门"
    rf"|(?:[区市县]|{_ZH_BOUNDARY})[\u4e00-\u9fff]{{0,4}}?(?:{_ZH_DEPARTMENT_WORDS})[\u4e00-\u9fff]{{0,6}}?"
    r"(?:局|委员会|委|办公室|办|大队|支队|中心|部门)"
    rf"|{_ZH_BOUNDARY}(?:(?![各要求的对在和与及])[\u4e00-\u9fff]){{2,5}}?(?:街道办事处|街道|镇)(?=[\s,;:。、要和与及负牵配等]|$)"
)
_EN_GROUP_NOUNS = (
    r"streets?|sub-?districts?|towns?|townships?|communities|villages?|departments?|units?|member\s+units"
    r"|bureaus?|regions?|localities|enterprises|agencies"
)
_EN = (
    rf"(?i:\b(?:all|each|every|the|relevant|competent)\s+(?:(?:relevant|competent|member|local|industry"
    rf"|functional|supervision|management|regulatory)\s+)*(?:{_EN_GROUP_NOUNS})\b(?:\s+\(offices?\))?"
    rf"(?:\s+and\s+(?:{_EN_GROUP_NOUNS})\b)?(?:\s+at\s+all\s+levels)?"
    rf"|\b(?:streets|departments|units)\s+and\s+(?:{_EN_GROUP_NOUNS})\b"
    r"|\b[a-z]+\s+departments\s+at\s+all\s+levels)"
    r"|\b(?:[A-Z][\w-]*\s+){1,4}"
    r"(?:Bureau|Department|Office|Commission|Street|Subdistrict|Sub-district|Town|Township|Brigade|Administration)\b"
    r"|\bMinistry\s+of\s+(?:[A-Z][\w-]*(?:,?\s+and\s+|\s+|\b)){1,5}"
)
_EN_PROPER = re.compile(r"[A-Z]")
_THE_NAMED = re.compile(r"^(?i:the)\s+(?=[A-Z])")  # "the District Education Bureau"
_EN_PLACES = re.compile(
    r"(?:regions?|localit(?:y|ies)|enterprises|agencies)$", re.IGNORECASE
)  # "in the region"


@cache
def mention_pattern(lang: str) -> re.Pattern[str]:
    """The mention pattern of one language, compiled when that language is first split."""
    return re.compile(_ZH if lang == "zh" else _EN)


def find_mentions(text: str, lang: str) -> list[str]:
    """Who the text asks to act, as written, in order and without repeats."""
    folded = fold(text)
    pattern = mention_pattern(lang)
    found: list[str] = []
    for match in pattern.finditer(folded):
        written = text[match.start() : match.end()].strip()
        if lang == "en":
            if not _is_en_mention(written):
                continue
            written = _THE_NAMED.sub("", written)
        if written and written not in found:
            found.append(written)
    return found


def _is_en_mention(written: str) -> bool:
    """A named unit must be capitalised ("Shuangyang Street"); groups may be lower case, but
    "the region" or a bare "the department" points back at something, not at an actor."""
    words = written.split()
    first = words[0].lower()
    if first == "the" and (
        _EN_PLACES.search(written) or (len(words) == 2 and not words[1].endswith("s"))
    ):
        return False
    return (
        first
        in {
            "all",
            "each",
            "every",
            "the",
            "relevant",
            "competent",
            "streets",
            "departments",
            "units",
        }
        or bool(_EN_PROPER.match(written))
        or written.lower().endswith("at all levels")
    )


# -- resolution ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistryEntry:
    """A unit or group a mention can stand for (see duban.splitter.RegistryEntry)."""

    kind: str
    id: int
    names: tuple[str, ...]
    unit_kind: str | None = None


_STREET_GROUP = re.compile(
    r"^(?:全区)?(?:各|所有|全部|全体)(?:街道|镇街|街镇|乡镇|镇)|^全区(?:街道|镇街)"
    r"|^(?:all|each|every|the)\s+(?:streets?|sub-?districts?|towns?|townships?)\b"
)
# Departments, and the Safety Committee's member units; 各单位 (units of every kind) is neither.
_DEPARTMENT_GROUP = re.compile(
    r"^(?:各|所有|全部|全体)?(?:级|地|有关|相关)?各?(?:有关|相关|职能)?部门$"
    r"|^(?:all|each|every|the)\s+(?:relevant\s+)?(?:departments?|bureaus?)\b"
)
_MEMBER_GROUP = re.compile(r"成员单位$|安委会.*成员单位|member\s+units")
_COMMITTEE_GROUP = re.compile(r"^各管委会|management\s+committees")
_KINDS = (
    ("street", _STREET_GROUP),
    ("department", _DEPARTMENT_GROUP),
    ("member", _MEMBER_GROUP),
    ("committee", _COMMITTEE_GROUP),
)
# The groups a group mention stands for, by their names, best first; the last resort is
# every group of that unit kind. 各部门 is the member units' group when there is no group
# of all departments (in a district, the departments are the committee's members).
_MEMBER_NAMES = re.compile(r"成员单位|member\s+units")
_GROUP_NAMES = {
    "street": [re.compile(r"所有街道|全部街道|各街道|all\s+streets|every\s+street")],
    "department": [re.compile(r"所有部门|全部部门|各部门|all\s+departments"), _MEMBER_NAMES],
    "member": [_MEMBER_NAMES],
    "committee": [re.compile(r"各管委会|management\s+committees")],
}
_UNIT_KIND = {"member": "department"}  # other group kinds are unit kinds
# A group mention naming two groups ("各部门、街道", "all departments and streets"): one
# mention per group noun, the quantifier shared.
_CONJUNCTION = re.compile(r"\s*[、和及与]\s*|\s+and\s+")
_BARE_GROUP_EN = re.compile(r"^(?:streets|departments|units)\s+and\s+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\((?:办事处|offices?)\)")
_ADMIN_PREFIX = re.compile(r"^(?:区|市|县|(?:the\s+)?(?:district|municipal|county|city)\s+)")
_STREET_SUFFIX = re.compile(r"(?:街道办事处|街道|\s*(?:sub-?district|street)(?:\s+office)?)$")
_MIN_CONTAINED = 3
_MIN_TAIL = 4
_EVERY = re.compile(r"^(?:各|所有|全部|全体|(?:all|each|every|the|relevant)\s+)", re.IGNORECASE)
_MIN_SHORT = 2


def resolve_mentions(
    mentions: list[str], registry: list[RegistryEntry]
) -> dict[str, list[RegistryEntry]]:
    """Each mention with the registry entries it stands for; unknown mentions get []."""
    return {mention: _resolve(mention, registry) for mention in mentions}


def _resolve(mention: str, registry: list[RegistryEntry]) -> list[RegistryEntry]:
    """The entries a mention stands for: each of its groups' for a mention naming two
    groups ("各部门、街道" → the departments' and the streets'), in order."""
    found: list[RegistryEntry] = []
    for part in _conjuncts(mention):
        found.extend(e for e in _resolve_one(part, registry) if e not in found)
    return found


def _conjuncts(mention: str) -> list[str]:
    """A group mention split at its conjunctions, the quantifier given to every part
    ("各部门、街道" → 各部门, 各街道; "streets and departments" → all streets, all
    departments); any other mention as it is."""
    quantifier = _EVERY.match(mention)
    if quantifier:
        prefix = quantifier.group()
    elif _BARE_GROUP_EN.match(mention):
        prefix = "all "
    else:
        return [mention]
    parts = [part for part in _CONJUNCTION.split(mention) if part]
    return [part if _EVERY.match(part) else prefix + part for part in parts]


def _resolve_one(mention: str, registry: list[RegistryEntry]) -> list[RegistryEntry]:
    """Exact names first (also without 各/all: 各行业主管部门 → a group named 行业主管部门), then
    groups by kind, then units by contained, short or abbreviated names."""
    key = _key(mention)
    for candidate in dict.fromkeys((key, _EVERY.sub("", key))):
        exact = [e for e in registry if candidate in {_key(n) for n in e.names}]
        if exact:
            return exact
    groups = _groups(key, registry)
    if groups:
        return groups
    return _units(key, registry) or _abbreviated(key, registry)


def _key(name: str) -> str:
    """A comparison key: folded, lower case, single spaces, without （办事处）."""
    return " ".join(_PARENTHESES.sub("", fold(name).lower()).split())


def _groups(key: str, registry: list[RegistryEntry]) -> list[RegistryEntry]:
    """Group entries for a group mention (各街道 → the group of all streets): for its kind,
    the groups best named as such ("所有街道", "安委会成员单位"), else every group of that
    unit kind."""
    groups = [e for e in registry if e.kind == "group"]
    for kind, pattern in _KINDS:
        if not pattern.search(key):
            continue
        for names in _GROUP_NAMES[kind]:
            named = [e for e in groups if any(names.search(_key(n)) for n in e.names)]
            if named:
                return named
        return [e for e in groups if e.unit_kind == _UNIT_KIND.get(kind, kind)]
    return []


def _units(key: str, registry: list[RegistryEntry]) -> list[RegistryEntry]:
    """Unit entries named in the mention, or whose short form it is ("教育局" ↔ "区教育局")."""
    short = _short(key)
    if len(short) < _MIN_SHORT:
        return []
    matches: list[tuple[int, RegistryEntry]] = []
    for entry in registry:
        if entry.kind != "unit":
            continue
        for name in map(_key, entry.names):
            if _short(name) == short or (len(name) >= _MIN_CONTAINED and _contains(key, name)):
                matches.append((len(name), entry))
                break
    if not matches:
        return []
    best = max(length for length, _ in matches)
    return [entry for length, entry in matches if length == best]


def _abbreviated(key: str, registry: list[RegistryEntry]) -> list[RegistryEntry]:
    """Units whose Chinese name the mention abbreviates: 住建局 → 区住房和城乡建设局, 区应急局 →
    区应急管理局, 交警大队 → 区公安分局交警大队."""
    short = _short(key)
    if len(short) < _MIN_CONTAINED or short.isascii():
        return []
    return [
        e
        for e in registry
        if e.kind == "unit" and any(_abbreviates(short, _short(_key(name))) for name in e.names)
    ]


def _abbreviates(short: str, name: str) -> bool:
    """Whether `short` is the tail of `name` (交警大队) or keeps its first and last characters
    and the rest in order (住建局)."""
    if len(short) >= _MIN_TAIL and name.endswith(short):
        return True
    if not name or short[0] != name[0] or short[-1] != name[-1]:
        return False
    rest = iter(name)
    return all(char in rest for char in short)


def _short(key: str) -> str:
    """A name without an administrative prefix or a street suffix: 区教育局 → 教育局,
    双阳街道 → 双阳."""
    return _STREET_SUFFIX.sub("", _ADMIN_PREFIX.sub("", key)).strip()


def _contains(key: str, name: str) -> bool:
    """Whether the mention contains the name (as whole words, for Latin names)."""
    if name.isascii():
        return re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", key) is not None
    return name in key
