"""The outline of a report: enumerated lists (nested, with themes and lead-ins) and the
requirement sentences outside them, as a tree of nodes over spans of the text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from duban.splitter.clauses import clause_cuts
from duban.splitter.fold import fold
from duban.splitter.markers import Item, MarkerList, build_lists, find_markers
from duban.splitter.narrative import (
    Kind,
    announces_list,
    asks_on_its_own,
    classify,
    lead_end,
    requirement_start,
)
from duban.splitter.quotes import mend
from duban.splitter.sentences import Sentence, sentences
from duban.splitter.speakers import Cue, find_cue

_EDGE = " \t\r\n\u3000,;:、.。"
_TAIL = _EDGE + "!?"
_CONTENT = re.compile(r"[^\s\W_]")
_TERMINATORS = re.compile(r"[。.!?;]")
_HEADING_MAX = {"zh": 40, "en": 100}
_CUT = (Kind.NARRATIVE, Kind.FOOTER)
_ANNOUNCING = re.compile(r"要求|意见|安排|部署|(?i:requirements?|arrangements?)")


@dataclass
class Node:
    """A directive in the making: spans of the text, its speaker and its place in the tree.

    `context` is a span whose mentions the node's items inherit (a lead-in such as
    "要求各社区要…："); `inherits` marks nodes that take their parent's mentions when
    they name nobody themselves (enumerated items); `shares` is the node whose mentions a
    later requirement of the same sentence takes when it names nobody ("各街道要…，要…").
    """

    start: int
    end: int
    marker: tuple[int, int] | None
    speaker: str | None
    inherits: bool = False
    context: tuple[int, int] | None = None
    item_span: tuple[int, int] | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    shares: Node | None = None


class Outline:
    """The analysis of one text: its sentences, their kinds, cues and speakers, and its lists."""

    def __init__(self, text: str, lang: str) -> None:
        self.lang = lang
        self.folded = mend(text, fold(text), lang)
        self.sentences = sentences(self.folded, lang)
        self.starts = [s.start for s in self.sentences]
        self.cues = [
            find_cue(self.folded[s.start : s.end], lang, text[s.start : s.end])
            for s in self.sentences
        ]
        self.kinds = [self._kind(i, s) for i, s in enumerate(self.sentences)]
        self._announced()
        self.speakers = self._speakers()
        barriers = [
            s.start
            for i, s in enumerate(self.sentences)
            if self.cues[i] or self.kinds[i] is Kind.FOOTER
        ]
        ends = [s.end for s in self.sentences]
        self.lists = build_lists(find_markers(self.folded, lang, ends), barriers)
        self.parents: dict[int, tuple[MarkerList, int]] = {}
        self.regions: dict[int, int] = {}
        self.claimed: list[tuple[int, int]] = []

    # -- sentences -------------------------------------------------------------------------

    def _kind(self, index: int, sentence: Sentence) -> Kind:
        """The kind of a sentence, judged on its words after any cue ("会议强调，形势严峻" has
        none that ask); a lone first line without a full stop is a title."""
        text = self.folded[sentence.start : sentence.end]
        cue = self.cues[index]
        is_title = (
            index == 0
            and len(self.sentences) > 1
            and self.sentences[1].para != sentence.para
            and not _TERMINATORS.search(text)
        )
        words = text[cue.end :] if cue else text
        if cue and cue.asks and _CONTENT.search(words) and not is_title:
            return Kind.REQUIREMENT
        return classify(words, self.lang, is_cue=cue is not None, is_title=is_title)

    def _announced(self) -> None:
        """Sentences right after a lead line that announces asks ("…提出三点要求：") are asks
        themselves, marked or not: the rest of its paragraph, or else the next paragraph."""
        for index in range(len(self.sentences) - 1):
            text = self.folded[self.sentences[index].start : self.sentences[index].end]
            if not self._is_lead_line(index) or not (self.cues[index] or _ANNOUNCING.search(text)):
                continue
            para = self.sentences[index + 1].para
            for following in range(index + 1, len(self.sentences)):
                if self.sentences[following].para != para or self._is_cut(following):
                    break
                if self.kinds[following] is Kind.NEUTRAL:
                    self.kinds[following] = Kind.REQUIREMENT

    def _speakers(self) -> list[str | None]:
        """Who speaks in each sentence: the last cue's speaker, the meeting's (None) before any."""
        speaker: str | None = None
        result = []
        for cue in self.cues:
            if cue and not cue.keeps_speaker:
                speaker = cue.speaker
            result.append(speaker)
        return result

    def index_at(self, position: int) -> int:
        """The sentence that contains (or last began before) a position."""
        return max(bisect.bisect_right(self.starts, position) - 1, 0)

    def _is_cut(self, index: int) -> bool:
        """Whether a sentence ends a list that runs into it (narrative, a footer, a new cue)."""
        return self.kinds[index] in _CUT or self.cues[index] is not None

    # -- lists -----------------------------------------------------------------------------

    def top_lists(self) -> list[MarkerList]:
        """Place every list in the tree (nested in an item, or top level); the top level."""
        top: list[MarkerList] = []
        placed: list[MarkerList] = []
        for lst in self.lists:
            container = self._container(lst, placed[-1] if placed else None)
            if container is False:
                continue
            if container is None:
                top.append(lst)
            else:
                owner, index = container
                owner.items[index].children.append(lst)
                self.parents[id(lst)] = container
            placed.append(lst)
        floor = 0
        for lst in top:
            self.regions[id(lst)] = self._region_start(lst, floor)
            floor = lst.items[-1].marker.start + 1
        self._spans(top, len(self.folded))
        return top

    def _container(
        self, lst: MarkerList, candidate: MarkerList | None
    ) -> tuple[MarkerList, int] | bool | None:
        """(list, item index) that `lst` nests in; None at top level; False if it dissolves."""
        while candidate is not None:
            items = candidate.items
            index = max(i for i, item in enumerate(items) if item.marker.start < lst.start)
            if index < len(items) - 1:
                lst.items = [
                    item for item in lst.items if item.marker.start < items[index + 1].marker.start
                ]
                return (candidate, index) if len(lst.items) >= 2 else False
            if candidate.family != lst.family and self._adjacent(candidate, lst):
                return candidate, index
            parent = self.parents.get(id(candidate))
            candidate = parent[0] if parent else None
        return None

    def _adjacent(self, outer: MarkerList, lst: MarkerList) -> bool:
        """Whether `lst` continues the last item of `outer` as its sub-list."""
        last = outer.items[-1].marker
        first, second = self.index_at(last.start) + 1, self.index_at(lst.start)
        if any(
            self._is_cut(i) for i in range(first, second + 1) if self.sentences[i].start < lst.start
        ):
            return False
        if any(item.children for item in outer.items):
            return True
        heading = self.folded[last.end : lst.start].strip(_EDGE)
        return self.folded[last.end : lst.start].rstrip().endswith(":") or (
            len(heading) <= _HEADING_MAX[self.lang] and not _TERMINATORS.search(heading)
        )

    def _spans(self, siblings: list[MarkerList], cap: int) -> None:
        """Set where every item ends, for sibling lists that may not run past `cap`."""
        for k, lst in enumerate(siblings):
            following = siblings[k + 1] if k + 1 < len(siblings) else None
            limit = self.regions.get(id(following), following.start) if following else cap
            for i, item in enumerate(lst.items):
                is_last = i == len(lst.items) - 1
                item.end = limit if is_last else lst.items[i + 1].marker.start
                if item.children:
                    self._spans(item.children, item.end)
                if is_last:
                    item.end = (
                        item.children[-1].items[-1].end
                        if item.children
                        else self._last_end(lst, limit)
                    )

    def _last_end(self, lst: MarkerList, cap: int) -> int:
        """Where the last item ends: its sentence when every other item is one sentence
        ("一是…；二是…；三是…。"), else its paragraph (or as many as the other items span),
        or the first narrative, footer or cue sentence after it."""
        index = self.index_at(lst.items[-1].marker.start)
        end = self.sentences[index].end
        if all(self._sentences_spanned(item) == 1 for item in lst.items[:-1]):
            return min(end, cap)
        para = self.sentences[index].para
        budget = max(self._paras_spanned(item) for item in lst.items[:-1]) - 1
        for i in range(index + 1, len(self.sentences)):
            sentence = self.sentences[i]
            if sentence.start >= cap or self._is_cut(i):
                break
            if sentence.para != para:
                if budget <= 0:
                    break
                budget, para = budget - 1, sentence.para
            end = sentence.end
        return min(end, cap)

    def _sentences_spanned(self, item: Item) -> int:
        """How many sentences an item's text runs over."""
        return (
            self.index_at(max(item.end - 1, item.marker.start))
            - self.index_at(item.marker.start)
            + 1
        )

    def _paras_spanned(self, item: Item) -> int:
        """How many paragraphs an item's text runs over."""
        first = self.sentences[self.index_at(item.marker.start)].para
        last = self.sentences[self.index_at(max(item.end - 1, item.marker.start))].para
        return last - first + 1

    def _region_start(self, lst: MarkerList, floor: int) -> int:
        """Where a top-level list's region begins: its lead-in, or the theme or colon line
        before it (when that is not part of the list before, which ends after `floor`)."""
        index = self.index_at(lst.start)
        lead = self.folded[self.sentences[index].start : lst.start]
        if _CONTENT.search(lead) or index == 0 or self.sentences[index - 1].start < floor:
            return self.sentences[index].start
        previous = self.sentences[index - 1]
        if self._is_lead_line(index - 1) or (
            previous.para == self.sentences[index].para
            and self.kinds[index - 1] is Kind.REQUIREMENT
        ):
            return previous.start
        return self.sentences[index].start

    def _is_lead_line(self, index: int) -> bool:
        """Whether a sentence is a line ending in a colon that introduces what follows."""
        return self.folded[self.sentences[index].end - 1] == ":"

    # -- nodes -----------------------------------------------------------------------------

    def nodes(self) -> list[Node]:
        """The top-level nodes, each with its children, in text order."""
        roots: list[Node] = []
        for lst in self.top_lists():
            roots.extend(self._top_list_nodes(lst))
        self.claimed.sort()
        items = self._all_items(roots)
        for node in self._requirement_nodes():
            parent = _innermost(items, node.start)
            (parent.children if parent else roots).append(node)
            node.parent = parent
        _sort(roots)
        return roots

    def _top_list_nodes(self, lst: MarkerList) -> list[Node]:
        """Nodes for a top-level list: a theme with the items under it, or the items alone."""
        start = self.regions[id(lst)]
        index = self.index_at(lst.start)
        speaker = self.speakers[self.index_at(start)]
        theme = self._sentence_node(index - 1, index - 1) if index else None
        if (
            start < self.sentences[index].start
            and not self._is_lead_line(index - 1)
            and theme.end > theme.start
        ):
            theme.children = self._item_nodes(lst, theme, speaker, None)
            self.claimed.append((start, theme.end))
            return [theme]
        context = (start, lst.start)
        self.claimed.append(context)
        lead = self._lead_in(index, lst.start)
        if lead is None:
            return self._item_nodes(lst, None, speaker, context)
        theme = Node(*lead, marker=None, speaker=speaker)
        theme.children = self._item_nodes(lst, theme, speaker, context)
        return [theme]

    def _lead_in(self, index: int, list_start: int) -> tuple[int, int] | None:
        """The words before a list's first marker in its sentence, when they ask something
        of their own ("要求各社区要针对…全面开展检查整治：一是…"): a theme, not a frame."""
        sentence = self.sentences[index]
        text = self.folded[sentence.start : list_start]
        cue = self.cues[index]
        if announces_list(text, self.lang) or (
            not cue and requirement_start(text, self.lang) is None
        ):
            return None
        skip = cue.end if cue else lead_end(text, self.lang)
        span = self._trim(sentence.start + skip, list_start)
        words = self.folded[span[0] : span[1]]
        return span if span[1] > span[0] and asks_on_its_own(words, self.lang) else None

    def _item_nodes(
        self,
        lst: MarkerList,
        parent: Node | None,
        speaker: str | None,
        context: tuple[int, int] | None,
    ) -> list[Node]:
        """A node for each item of a list, with nodes for its nested lists."""
        nodes = []
        for item in lst.items:
            text_end = item.children[0].start if item.children else item.end
            node = Node(
                *self._trim(item.marker.end, text_end),
                marker=(item.marker.start, item.marker.end),
                speaker=speaker,
                inherits=True,
                context=context,
                parent=parent,
                item_span=(item.marker.start, item.end),
            )
            self.claimed.append((item.marker.start, max(text_end, item.marker.end)))
            for child in item.children:
                node.children.extend(self._item_nodes(child, node, speaker, None))
            nodes.append(node)
        return nodes

    def _requirement_nodes(self) -> list[Node]:
        """Nodes for requirement sentences outside lists, each with the neutral sentences
        that directly follow it in its paragraph."""
        groups: list[list[int]] = []
        for i, sentence in enumerate(self.sentences):
            kind = Kind.FOOTER if self._overlaps_claimed(sentence) else self.kinds[i]
            if kind is Kind.REQUIREMENT:
                groups.append([i, i])
            elif (
                kind is Kind.NEUTRAL
                and groups
                and groups[-1][1] == i - 1
                and self.sentences[i - 1].para == sentence.para
            ):
                groups[-1][1] = i
        return [node for first, last in groups for node in self._clause_nodes(first, last)]

    def _clause_nodes(self, first: int, last: int) -> list[Node]:
        """Nodes for sentences first..last, one per requirement of the first sentence ("要加强…，
        要完善…"); the later ones share the first one's mentions."""
        whole = self._sentence_node(first, last)
        if not _CONTENT.search(self.folded, whole.start, self.sentences[first].end):
            return []  # nothing after its cue or lead ("会议要求?"): no directive
        cuts = clause_cuts(self.folded, whole.start, self.sentences[first].end, self.lang)
        starts = [whole.start, *(begin for _, begin in cuts)]
        ends = [*(comma for comma, _ in cuts), whole.end]
        spans = [self._trim(a, b) for a, b in zip(starts, ends, strict=True)]
        nodes = [Node(a, b, marker=None, speaker=whole.speaker) for a, b in spans if b > a]
        for node in nodes[1:]:
            node.shares = nodes[0]
        return nodes

    def _sentence_node(self, first: int, last: int) -> Node:
        """A node for the sentences first..last, without the cue or lead of the first."""
        sentence = self.sentences[first]
        text = self.folded[sentence.start : sentence.end]
        cue: Cue | None = self.cues[first]
        skip = cue.end if cue else lead_end(text, self.lang)
        return Node(
            *self._trim(sentence.start + skip, self.sentences[last].end),
            marker=None,
            speaker=self.speakers[first],
        )

    def _overlaps_claimed(self, sentence: Sentence) -> bool:
        """Whether any part of the sentence already belongs to a list, theme or lead-in."""
        index = bisect.bisect_left(self.claimed, (sentence.end,))
        return index > 0 and self.claimed[index - 1][1] > sentence.start

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """The span without whitespace and separators at either edge."""
        while start < end and self.folded[start] in _EDGE:
            start += 1
        while end > start and self.folded[end - 1] in _TAIL:
            end -= 1
        return start, end

    def _all_items(self, roots: list[Node]) -> list[Node]:
        """Every enumerated node, depth first."""
        found = []
        for node in roots:
            if node.marker:
                found.append(node)
            found.extend(self._all_items(node.children))
        return found

    def context_mentions_span(self, node: Node) -> tuple[int, int] | None:
        """The part of a node's lead-in that asks somebody (from its requirement word on)."""
        if node.context is None:
            return None
        start, end = node.context
        offset = requirement_start(self.folded[start:end], self.lang)
        return None if offset is None else (start + offset, end)


def _innermost(items: list[Node], position: int) -> Node | None:
    """The deepest enumerated node whose whole item (text and sub-lists) covers a position."""
    covering = [n for n in items if n.item_span[0] <= position < n.item_span[1]]
    return max(covering, key=lambda n: n.item_span[0]) if covering else None


def _sort(nodes: list[Node]) -> None:
    """Order nodes and their children by position in the text."""
    nodes.sort(key=lambda n: n.start)
    for node in nodes:
        _sort(node.children)
