"""The dead told one by one, where a death word has no count: one for each named person, singular
personal pronoun, or singular noun with a possessive or an indefinite article the death word
governs ("Jonas Marell, a farmer, was shot dead", "he was killed along with two others", "la mort
de Nahel", "Anna Ruiz and her son were killed": 2, "a protester killed on Monday"). A definite noun alone ("the commander", "la population") is never counted: a
parse cannot tell a person from a group.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.stages.numbers import Quantity
from sitrep.stages.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, dep_is, is_passive, is_verbal
from sitrep.stages.triggers import head_of

# dependencies of the complement naming who died after a death noun ("the death of X", "X's death")
NOUN_COMPLEMENT_DEPS = ("poss", "nmod:poss", "nmod", "pobj")
# the dependency by which a death participle after a noun names the dead ("a protester killed on
# Monday"); an adjective before it only describes ("family members of a murdered farmer")
MODIFIER_DEPS = ("acl",)


@cache
def _person_labels(lang: str) -> frozenset[str]:
    return frozenset(langdata.load(lang, "places").person_labels)


def single_victims(doc: Doc, start: int, end: int, lang: str, transitive: bool,
                   counted: frozenset[int]) -> list[Quantity]:
    """A count of one for each person the death word at ``doc[start:end]`` names as dead;
    ``transitive``: a verb of killing, whose object is the dead; ``counted``: the tokens of
    quantities ("une dizaine"), which name no one person."""
    head = head_of(doc, start, end)
    labels = _person_labels(lang)
    found = []
    # the complement of a death noun counts a name or "her son", never "a/un": "un massacre
    # d'une rare cruauté"
    indefinite = is_verbal(head) or head.pos_ == "ADJ"
    for victim in _victims(head, transitive):
        for person in (victim, *victim.conjuncts):
            if person.i not in counted and _one_person(person, labels, indefinite):
                first, last = _name_bounds(person)
                found.append(Quantity(token_start=first, token_end=last, value=1))
    return sorted({q.token_start: q for q in found}.values(), key=lambda q: q.token_start)


def _victims(head: Token, transitive: bool) -> list[Token]:
    """The words for the dead: the object of an active verb of killing (or of any active death verb
    with an object), else the subject, the noun
    a death participle modifies, or the complement of a death noun."""
    if is_verbal(head) or head.pos_ == "ADJ":
        if head.dep_ in MODIFIER_DEPS and head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i:
            return [head.head]  # "a protester killed on Wednesday"
        objects = [c for c in head.children if dep_is(c, OBJECT_DEPS)]
        if (transitive or objects) and not is_passive(head):
            return objects  # "une bombe a tué le chef": the subject killed
        return [c for c in head.children if dep_is(c, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)]
    complements = []
    for child in head.children:
        if child.dep_ == "prep":  # English trees hang "of" on the noun, the name on "of"
            complements += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in NOUN_COMPLEMENT_DEPS:
            complements.append(child)
    return complements


def _one_person(token: Token, labels: frozenset[str], indefinite: bool) -> bool:
    if token.ent_type_ in labels:
        return True
    number = token.morph.get("Number")
    if token.pos_ == "PRON":
        return "Prs" in token.morph.get("PronType") and number == ["Sing"] and "Neut" not in token.morph.get("Gender") \
            and "3" in token.morph.get("Person")
    # "her son", "a protester": a singular noun with a possessive or an indefinite article
    return token.pos_ == "NOUN" and number != ["Plur"] and any(
        c.dep_ in ("poss", "nmod:poss", "det:poss") or "Yes" in c.morph.get("Poss")
        or indefinite and c.dep_ == "det" and "Ind" in c.morph.get("Definite") for c in token.children)


def _name_bounds(token: Token) -> tuple[int, int]:
    """The token range of a person's whole name ("Jonas Marell"), else of the word."""
    if not token.ent_type_:
        return token.i, token.i + 1
    first, last = token.i, token.i + 1
    while first > 0 and token.doc[first].ent_iob_ == "I" and token.doc[first - 1].ent_type_ == token.ent_type_:
        first -= 1
    while last < len(token.doc) and token.doc[last].ent_iob_ == "I":
        last += 1
    return first, last
