"""The spaCy models' attribute ruler with its rules looked up instead of matched.

The attribute ruler (tag -> part of speech and morphology, word-and-tag exceptions, lemmas) runs
spaCy's general Matcher: every token is tried against every one of its 179 English patterns, and
the patterns with sets ("LOWER": {"IN": [...]}) are Python calls per token. Measured on the 247
English news articles of at least 400 words (docs/throughput.md): 15 CPU ms per article, 13% of
the whole parse, for a result that depends only on a few attributes of each token (and of its
neighbour, for the eight two-token patterns). So the rules are compiled to a table: a token's
attributes the patterns read, as a key, give the token tests it passes, computed once per key.
The matches, and so the annotations (set by the stock component's own code), are the same; a
ruler with a pattern the table cannot read (a quantifier such as "?", a comparison, LENGTH) keeps
spaCy's Matcher, and tests compare both on real articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDS as ATTRIBUTE_IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

# The token attributes the table reads: the Matcher's name -> the Token property with its value
TOKEN_PROPERTIES = {"ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "TAG": "tag_", "POS": "pos_",
                    "DEP": "dep_", "LEMMA": "lemma_", "IS_SPACE": "is_space", "IS_PUNCT": "is_punct",
                    "IS_DIGIT": "is_digit", "IS_ALPHA": "is_alpha"}
FLAGS = {"IS_SPACE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA"}  # read as booleans, never as text


class UnreadablePattern(ValueError):
    """A pattern uses Matcher syntax the table does not read."""


@dataclass(frozen=True)
class TokenTest:
    """One token of a pattern: (property, operator, value) tests, all of which must pass."""

    checks: tuple[tuple[str, str, Any], ...]

    @classmethod
    def read(cls, spec: dict) -> TokenTest:
        checks = []
        for name, value in sorted(spec.items()):
            if name not in TOKEN_PROPERTIES:
                raise UnreadablePattern(name)
            if isinstance(value, dict):
                checks.append((TOKEN_PROPERTIES[name], *_operation(name, value)))
            elif isinstance(value, (str, bool)):
                checks.append((TOKEN_PROPERTIES[name], "==", value))
            else:
                raise UnreadablePattern(f"{name}: {value!r}")
        return cls(tuple(checks))

    def passes(self, token: Token) -> bool:
        return all(_check(getattr(token, prop), operator, expected) for prop, operator, expected in self.checks)


def _operation(name: str, value: dict) -> tuple[str, Any]:
    """(operator, operand) of a pattern's {"IN": [...]}, {"NOT_IN": [...]} or {"REGEX": "..."}."""
    if len(value) == 1:
        (operator, operand), = value.items()
        if operator in ("IN", "NOT_IN"):
            return operator, frozenset(operand)
        if operator == "REGEX" and name not in FLAGS:
            return operator, re.compile(operand)
    raise UnreadablePattern(f"{name}: {value}")


def _check(value: Any, operator: str, expected: Any) -> bool:
    if operator == "REGEX":
        return bool(expected.search(value))
    if operator == "IN":
        return value in expected
    if operator == "NOT_IN":
        return value not in expected
    return value == expected


@dataclass
class PropertyValues:
    """What the tests can tell apart in one token property: a value a pattern names counts as
    itself; any other only by which of the property's regular expressions it matches. Cached by
    the property's value id in ``Doc.to_array``."""

    prop: str
    named: frozenset
    regexes: tuple[re.Pattern, ...]
    seen: dict[int, Any] = field(default_factory=dict)  # grows with the vocabulary, as spaCy's own does

    @classmethod
    def read(cls, prop: str, operations: list[tuple[str, Any]]) -> PropertyValues:
        """From the (operator, operand) pairs the tests apply to ``prop``."""
        named = {value for op, operand in operations if op != "REGEX"
                 for value in (operand if op in ("IN", "NOT_IN") else [operand])}
        return cls(prop, frozenset(named), tuple(operand for op, operand in operations if op == "REGEX"))

    def value_class(self, value_id: int, doc: Doc, i: int) -> Any:
        found = self.seen.get(value_id)
        if found is None:
            value = getattr(doc[i], self.prop)
            found = self.seen[value_id] = value if value in self.named or isinstance(value, bool) \
                else tuple(bool(regex.search(value)) for regex in self.regexes)
        return found


@dataclass(frozen=True)
class TokenRules:
    """What one token's properties decide: the tests it passes, the rules its one-token patterns
    match, and the patterns of several tokens it can start (by index in RuleTable.longer)."""

    tests: frozenset[int]
    rules: tuple[int, ...]
    longer_starts: tuple[int, ...]


@dataclass
class RuleTable:
    """The ruler's patterns as token tests; the tests a token passes are computed once for each
    combination of its properties' value classes."""

    tests: list[TokenTest]
    single: dict[int, list[int]]  # test index -> the rules (attribute ids) whose one-token pattern it is
    longer: list[tuple[int, tuple[int, ...]]]  # (rule, test indices) of patterns of several tokens
    properties: list[PropertyValues]  # every property a test reads
    attribute_ids: list[int]  # their spaCy attribute ids, for Doc.to_array
    passed: dict[tuple, TokenRules] = field(default_factory=dict)

    @classmethod
    def compile(cls, ruler: AttributeRuler) -> RuleTable:
        tests: dict[TokenTest, int] = {}
        single: dict[int, list[int]] = {}
        longer = []
        for rule, group in enumerate(ruler.patterns):
            for pattern in group["patterns"]:
                indices = tuple(tests.setdefault(TokenTest.read(spec), len(tests)) for spec in pattern)
                if len(indices) == 1:
                    single.setdefault(indices[0], []).append(rule)
                else:
                    longer.append((rule, indices))
        operations: dict[str, list[tuple[str, Any]]] = {}
        for test in tests:
            for prop, operator, operand in test.checks:
                operations.setdefault(prop, []).append((operator, operand))
        names = [name for name, prop in TOKEN_PROPERTIES.items() if prop in operations]
        properties = [PropertyValues.read(TOKEN_PROPERTIES[name], operations[TOKEN_PROPERTIES[name]])
                      for name in names]
        return cls(list(tests), single, longer, properties, [ATTRIBUTE_IDS[name] for name in names])

    def _rules_of(self, doc: Doc, i: int, value_ids: list[int]) -> TokenRules:
        key = tuple(values.value_class(value_id, doc, i) for values, value_id in zip(self.properties, value_ids))
        found = self.passed.get(key)
        if found is None:
            tests = frozenset(t for t, test in enumerate(self.tests) if test.passes(doc[i]))
            found = self.passed[key] = TokenRules(
                tests, tuple(sorted({rule for t in tests for rule in self.single.get(t, ())})),
                tuple(p for p, (_, indices) in enumerate(self.longer) if indices[0] in tests))
        return found

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule, start, end) of every match in ``doc``, ordered as AttributeRuler.match orders them."""
        rows = doc.to_array(self.attribute_ids).tolist() if len(doc) else []
        tokens = [self._rules_of(doc, i, row) for i, row in enumerate(rows)]
        found = {(rule, i, i + 1) for i, token in enumerate(tokens) for rule in token.rules}
        for start, token in enumerate(tokens):
            for rule, indices in (self.longer[p] for p in token.longer_starts):
                if start + len(indices) <= len(tokens) and \
                        all(test in tokens[start + k].tests for k, test in enumerate(indices)):
                    found.add((rule, start, start + len(indices)))
        return sorted(found)


class LookupAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler whose matches come from a :class:`RuleTable` where its patterns allow."""

    def __init__(self, vocab, name: str = "attribute_ruler", **options) -> None:
        super().__init__(vocab, name, **options)
        self._forget_table()

    def _forget_table(self) -> None:
        self._table: RuleTable | None = None
        self._readable = True

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._forget_table()

    def clear(self) -> None:
        super().clear()
        self._forget_table()

    def rule_table(self) -> RuleTable | None:
        if self._table is None and self._readable:
            try:
                self._table = RuleTable.compile(self)
            except UnreadablePattern:
                self._readable = False
        return self._table

    def match(self, doc: Doc):
        table = self.rule_table()
        if table is None:
            return super().match(doc)
        strings = self.vocab.strings
        return [(rule, strings[str(rule)], start, end) for rule, start, end in table.matches(doc)]


@Language.factory("sitrep_attribute_ruler")
def make_lookup_attribute_ruler(nlp: Language, name: str) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name)


def use_rule_table(nlp: Language) -> None:
    """Swap ``nlp``'s attribute ruler, if any, for a :class:`LookupAttributeRuler` with the same
    patterns, in the same place and under the same name."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    position = nlp.pipe_names.index("attribute_ruler")
    _, stock = nlp.remove_pipe("attribute_ruler")
    following = nlp.pipe_names[position] if position < len(nlp.pipe_names) else None
    ruler = nlp.add_pipe("sitrep_attribute_ruler", name="attribute_ruler",
                         **({"before": following} if following else {}))
    ruler.add_patterns(stock.patterns)
