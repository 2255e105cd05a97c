"""Small, language-neutral helpers over spaCy's Universal Dependencies parses."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "csubj", "expl:subj")
PASSIVE_SUBJECT_DEPS = ("nsubj:pass", "nsubjpass")
AGENT_DEPS = ("obl:agent", "agent")
OBJECT_DEPS = ("obj", "dobj", "iobj")
OBLIQUE_DEPS = ("obl", "obl:mod", "obl:arg", "nmod", "prep", "pobj")
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "acl", "acl:relcl", "relcl", "csubj", "parataxis", "conj")


def dep_is(token: Token, deps: tuple[str, ...]) -> bool:
    return token.dep_ in deps or token.dep_.split(":")[0] in deps


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "auxpass") for c in token.children) or "Voice=Pass" in str(token.morph)


def ancestors_to_clause(token: Token) -> Iterator[Token]:
    """The token and its heads up to (and including) the nearest verb."""
    current = token
    while True:
        yield current
        if is_verbal(current) or current.head.i == current.i:
            return
        current = current.head


def governing_verbs(token: Token, limit: int = 4) -> Iterator[Token]:
    """The verbs above ``token`` in the tree, nearest first, crossing clause links."""
    seen = 0
    for ancestor in token.ancestors:
        if is_verbal(ancestor) or ancestor.pos_ == "NOUN" and ancestor.dep_ == "ROOT":
            yield ancestor
            seen += 1
            if seen >= limit:
                return


def has_finite_verb(tokens) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and "VerbForm=Inf" not in str(t.morph)
               and "VerbForm=Part" not in str(t.morph) or "VerbForm=Fin" in str(t.morph) for t in tokens)


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence through their lowest common ancestor."""
    path_a = [a, *a.ancestors]
    depth_a = {t.i: d for d, t in enumerate(path_a)}
    for depth_b, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return depth_a[t.i] + depth_b
    return len(path_a) + depth_b + 1


def covers(token: Token, start: int, end: int) -> bool:
    """Whether token lies in the token range [start, end)."""
    return start <= token.i < end
