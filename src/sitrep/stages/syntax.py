"""Small, language-neutral helpers over spaCy's Universal Dependencies parses."""
from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.text import fold

# The keys lexicons are matched on: a token's folded lemma and folded text.
if not Token.has_extension("lemma_key"):
    Token.set_extension("lemma_key", getter=lambda t: fold(t.lemma_ or t.text))
    Token.set_extension("text_key", getter=lambda t: fold(t.text))

SUBJECT_DEPS = ("nsubj", "csubj", "expl:subj")
PASSIVE_SUBJECT_DEPS = ("nsubj:pass", "nsubjpass")
AGENT_DEPS = ("obl:agent", "agent")
OBJECT_DEPS = ("obj", "dobj", "iobj")
# what may follow a verb that shares the object of the verb coordinated after it
COORDINATION_DEPS = ("cc", "punct", "conj", "prt", "compound:prt", "advmod")
# a verb's complements of place, time and manner ("au sud d'Aguelhoc", "near Kandahar")
OBLIQUE_DEPS = ("obl", "prep")
# clauses on a noun: participle and relative clauses (UD's acl, acl:relcl; spaCy English's relcl)
NOUN_CLAUSE_DEPS = ("acl", "relcl")
# links inside a noun phrase ("a total of 40 explosions", "des dizaines d'explosions")
NOUN_PHRASE_DEPS = ("pobj", "prep", "nmod", "case")
NOUN_PHRASE_HOPS = 6


def dep_is(token: Token, deps: tuple[str, ...]) -> bool:
    return token.dep_ in deps or token.dep_.split(":")[0] in deps


def subject_of(verb: Token | None) -> Token | None:
    """The verb's subject, active or passive ("police were involved"), else None."""
    return next((c for c in verb.children if dep_is(c, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)), None) \
        if verb is not None else None


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def is_passive(token: Token) -> bool:
    """A verb in the passive voice; a finite verb with a subject of its own is active whatever
    the parser hung on it ("IS militants killed a civilian": "IS" read as "is")."""
    if "Fin" in token.morph.get("VerbForm") and any(dep_is(c, SUBJECT_DEPS) for c in token.children):
        return False
    return any(c.dep_ in ("aux:pass", "auxpass") for c in token.children) or "Voice=Pass" in str(token.morph)


def objects_of(verb: Token) -> list[Token]:
    """A verb's objects (its passive subject in the passive); an active verb with none shares
    those of the first verb coordinated with it, of the same subject, that has some, where nothing
    but the coordination follows it ("lynched and killed a thief", "captured, tied up and burned
    alive a presumed cattle thief"; not "fires were burning across Lagos and [...] reported
    hearing gunfire")."""
    if not is_verbal(verb):
        return []
    passive = is_passive(verb)
    own = [c for c in verb.children if dep_is(c, PASSIVE_SUBJECT_DEPS if passive else OBJECT_DEPS)]
    if own or passive or any(c.dep_ not in COORDINATION_DEPS for c in verb.rights):
        return own  # a verb with words of its own after it is done before the next begins
    shared = ([c for c in conjunct.children if dep_is(c, OBJECT_DEPS)] for conjunct in _conjoined_verbs(verb))
    return next((objects for objects in shared if objects), [])


def _conjoined_verbs(verb: Token):
    """The verbs coordinated after ``verb`` with no subject of their own, in order (a chain:
    "captured, tied up, and burned" hangs "burned" on "tied")."""
    for conjunct in verb.children:
        if conjunct.dep_ == "conj" and is_verbal(conjunct) \
                and not any(dep_is(c, SUBJECT_DEPS) for c in conjunct.children):
            yield conjunct
            yield from _conjoined_verbs(conjunct)


def befalls_its_noun(token: Token) -> bool:
    """A past participle on a noun tells what befell it: "20 soldiers killed", "militaires tués"
    (one with an object or an auxiliary is a verb the parser misread: "bandits abducted 40 people")."""
    return token.dep_ == "acl" and "Part" in token.morph.get("VerbForm") and "Past" in token.morph.get("Tense") \
        and not any(dep_is(child, OBJECT_DEPS) or child.dep_.startswith("aux") for child in token.children)


def clause_on_another_noun(token: Token, head: Token) -> Token | None:
    """The verb of the clause describing a noun (a relative or participle clause: "a man killed by
    the police six years ago") that ``token`` lies in, where ``head`` is no part of that clause
    and that noun is not ``head`` ("a protester killed on Wednesday" tells of the protester)."""
    clause = next((t for t in [token, *token.ancestors] if dep_is(t, NOUN_CLAUSE_DEPS) and is_verbal(t)), None)
    if clause is None or clause.head.i == head.i or clause in [head, *head.ancestors]:
        return None
    return clause


def governor(token: Token) -> Token:
    """The word a token hangs on, across the preposition English trees put between them ("gathered
    ... in [protest]", "said on [Monday]")."""
    return token.head.head if token.head.pos_ == "ADP" else token.head


def phrase_verb(token: Token, other_events: frozenset[int] = frozenset()) -> Token:
    """The verb whose noun phrase holds ``token`` ("observed a total of 40 explosions": observed),
    climbing a few links of the phrase but no word of ``other_events`` ("assembled in protest of
    the curfew" tells the protest, not the curfew); else the word it hangs on (``governor``)."""
    word = token
    for _ in range(NOUN_PHRASE_HOPS):
        if is_verbal(word.head) and word.head.i != word.i:
            return word.head
        if not dep_is(word, NOUN_PHRASE_DEPS) or word.head.i == word.i or word.head.i in other_events:
            break
        word = word.head
    return governor(token)


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence through their lowest common ancestor."""
    path_a = [a, *a.ancestors]
    depth_a = {t.i: d for d, t in enumerate(path_a)}
    for depth_b, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return depth_a[t.i] + depth_b
    return len(path_a) + depth_b + 1


def is_verbless(sentence: Span) -> bool:
    """A sentence with no verb at all: a title, a caption, a fragment the parser split off."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sentence)
