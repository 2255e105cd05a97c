"""Who acted and on whom: the phrases of a trigger's clause that name its agent (the subject, a
"by/par" agent, a modifier naming an actor, who takes part in it) and its targets (the object, an
"against/contre" complement, the other side of a clash), by syntax and lang/<code>/arguments.yaml.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.models import ActorMention, Trigger
from sitrep.stages.syntax import (
    AGENT_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    befalls_its_noun,
    dep_is,
    governor,
    is_passive,
    is_verbal,
    subject_of,
)
from sitrep.text import folded


class ActorIndex:
    """A document's actor mentions (in text order), found by the tokens they cover or head."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.mentions = mentions
        self.starts = [m.token_start for m in mentions]
        # of two mentions covering a token, the first
        self.covering = {i: m for m in reversed(mentions) for i in range(m.token_start, m.token_end)}

    def mention_for(self, token: Token | None) -> ActorMention | None:
        """The actor mention covering ``token``, else the first one inside its phrase."""
        if token is None:
            return None
        covering = self.covering.get(token.i)
        if covering is not None:
            return covering
        doc = token.doc
        inside_edges = self.mentions[bisect_left(self.starts, token.left_edge.i):
                                     bisect_right(self.starts, token.right_edge.i)]
        return next((m for m in inside_edges if m.token_start == token.i or token.is_ancestor(doc[m.token_start])),
                    None)

    def first_starting_in(self, start: int, end: int) -> ActorMention | None:
        """The first mention that starts at a token in [start, end)."""
        index = bisect_left(self.starts, start)
        return self.mentions[index] if index < len(self.mentions) and self.starts[index] < end else None


class CaseWords(BaseModel):
    """Prepositions that mark a trigger's target ("raids contre", "attack on", "clashes with") and
    its doer where a noun names the action ("raids de l'aviation", "an attack by") —
    lang/<code>/arguments.yaml."""

    target: frozenset[str]
    agent: frozenset[str]
    between: frozenset[str]
    opposing_verbs: frozenset[str]
    opposing: frozenset[str]
    reciprocal_verbs: frozenset[str]
    partaking_verbs: frozenset[str]
    partaking: frozenset[str]


@cache
def case_words(lang: str) -> CaseWords:
    raw = langdata.load(lang, "arguments")
    return CaseWords(target=folded(raw.target_cases), agent=folded(raw.agent_cases),
                     between=folded(raw.between_cases), opposing_verbs=folded(raw.opposing_verbs),
                     opposing=folded(raw.opposing_cases), reciprocal_verbs=folded(raw.reciprocal_verbs),
                     partaking_verbs=folded(raw.partaking_verbs), partaking=folded(raw.partaking_cases))


def _case_word(token: Token) -> str | None:
    case = next((c for c in token.children if c.dep_ in ("case", "mark")), None)
    if case is not None:
        return case._.text_key
    if token.dep_ == "pobj":
        return token.head._.text_key
    if token.dep_ in ("prep", "agent"):  # English trees hang the preposition itself on the head
        return token._.text_key
    return None


def agent_phrase(head: Token, reporting: frozenset[int], cases: CaseWords,
                 actors: ActorIndex) -> Token | None:
    """The phrase naming who acts: the subject (or "by/par" agent) of a verb; for a noun, a
    modifier or "de/by" complement naming an actor, the agent of a participle on it ("bombs
    planted by the Taliban"), or the subject of the verb it is the object of."""
    def names_actor(token: Token | None) -> bool:
        return token is not None and actors.mention_for(token) is not None

    if is_verbal(head):
        deps = AGENT_DEPS if is_passive(head) else SUBJECT_DEPS
        for verb in (head, *(c for c in head.children if c.dep_ == "conj" and is_verbal(c))):
            subjects = [next((g for g in child.children if g.dep_ == "pobj"), child) for child in verb.children
                        if dep_is(child, deps) or child.dep_ == "agent"]
            if subjects:
                # of two, the one naming an actor: the parser may read a place before the subject as
                # another ("In Shar Hla village, Seikphyu township (Magway), soldiers burned ...")
                return next((s for s in subjects if names_actor(s)), subjects[0])
        if head.dep_ == "ROOT" and "Fin" in head.morph.get("VerbForm") and head.i > 0 \
                and head.i - 1 in actors.covering and not is_passive(head):
            # a sentence's verb with no subject, right after an actor the parser hung on the place
            # before it: "Close to Estacion San Jose, Zacatecas, armed individuals opened fire"
            return head.doc[head.i - 1]
        if head.dep_ == "xcomp" and head.head.i != head.i:
            # the object controls the complement where there is one ("accuse le M23 d'avoir tiré",
            # "ordered the troops to fire"), else the subject ("tried to storm the camp")
            controller = next((c for c in head.head.children if dep_is(c, OBJECT_DEPS) and c.i < head.i), None)
            if controller is not None and names_actor(controller):
                return controller
        if head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
            return agent_phrase(head.head, reporting, cases, actors)
        if head.dep_ == "advcl" and "Fin" not in head.morph.get("VerbForm") and is_verbal(head.head) \
                and head.head.i not in reporting:
            # a clause with no subject of its own shares its main clause's: "ont encerclé la mosquée
            # avant d'exécuter un massacre", "stormed the village, killing ten"
            return agent_phrase(head.head, reporting, cases, actors)
        if head.dep_ in ("acl:relcl", "relcl", "acl") and not is_passive(head) and not befalls_its_noun(head):
            return head.head
        # a gerund the parser calls a verb is read as a noun below ("RSF shelling killed five")
    own = actors.covering.get(head.i)
    if own is not None:
        # an event word inside an actor phrase ("des missiles américains") names who fired only
        # where no clause says it: "l'armée ukrainienne a tiré des missiles américains"
        phrase = _object_phrase(head) or (head if head.dep_ == "obl:arg" else None)  # "a tiré des missiles"
        if phrase is not None and is_verbal(phrase.head) and phrase.head.i not in reporting:
            firer = agent_phrase(phrase.head, reporting, cases, actors)
            if names_actor(firer) and actors.mention_for(firer) is not own:
                return firer
    sides = _between_sides(head, cases)
    if sides and names_actor(sides[0]):
        return sides[0]  # "clashes between the army and rebels": the first named side
    for child in head.children:
        if child.dep_ in ("nmod", "amod", "compound", "poss", "prep", "nmod:poss") and child.i != head.i:
            if child.dep_ == "prep":
                child = next((g for g in child.children if g.dep_ == "pobj"), child)
            if (child.dep_ in ("amod", "compound", "poss", "nmod:poss") or _case_word(child) in cases.agent) \
                    and names_actor(child):
                return child
        if child.dep_ == "acl" and is_verbal(child):
            # "the raid, carried out by X", "the raid, believed to have been carried out by X"
            agent = next((a for verb in _with_complements(child) for a in verb.children
                          if dep_is(a, AGENT_DEPS) or a.dep_ == "agent"), None)
            agent = next((g for g in agent.children if g.dep_ == "pobj"), agent) if agent is not None else None
            if names_actor(agent):
                return agent
    phrase = _object_phrase(head)
    if phrase is not None and is_verbal(phrase.head) and phrase.head.i not in reporting:
        return agent_phrase(phrase.head, reporting, cases, actors)
    partaking = _partaking_verb(head, cases)
    if partaking is not None and partaking.i not in reporting:
        # active or passive, who takes part is the subject: "police were involved in a clash"
        subject = subject_of(partaking)
        return subject if subject is not None else agent_phrase(partaking, reporting, cases, actors)
    return None


def _partaking_verb(head: Token, cases: CaseWords) -> Token | None:
    """The verb of taking part whose complement a noun is ("Russian forces engaged in an
    offensive", "ont participé à l'attaque"), else None."""
    if is_verbal(head) or _case_word(head) not in cases.partaking:
        return None
    verb = governor(head)
    return verb if verb.i != head.i and is_verbal(verb) and verb._.lemma_key in cases.partaking_verbs else None


def _with_complements(verb: Token) -> list[Token]:
    """A verb and the verbs of its chain of open complements ("believed to have been carried out")."""
    chain = [verb]
    while (nxt := next((c for c in chain[-1].children if c.dep_ == "xcomp" and is_verbal(c)), None)) is not None:
        chain.append(nxt)
    return chain


def _object_phrase(head: Token) -> Token | None:
    """The verb object a noun heads, or that it is the complement of through up to two nouns
    ("launched [a wave of drone attacks]", "ont mené [une série de frappes]"), else None."""
    node = head
    for _ in range(3):
        if dep_is(node, OBJECT_DEPS) and node.head.i != node.i:
            return node
        parent = node.head
        if node.dep_ == "pobj" and parent.pos_ == "ADP" and parent.head.pos_ in ("NOUN", "PROPN"):
            node = parent.head  # "a wave of [drone attacks]"
        elif node.dep_ in ("nmod", "conj", "appos", "compound") and parent.pos_ in ("NOUN", "PROPN"):
            node = parent  # "une série de [frappes]"; a conjunct, an apposition or a noun modifier is
            # where the noun it goes with is ("fired 120mm and 82mm [mortars]", "fired [artillery] rounds")
        else:
            return None
    return None


def _between_sides(head: Token, cases: CaseWords) -> list[Token]:
    """The sides of "combats entre X et Y" / "clashes between X and Y", in order (also where the
    parser hung "entre" on the verb the event noun is the subject of: "des combats ont eu lieu entre",
    "fighting was reported among")."""
    carriers = [head, head.head] if dep_is(head, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS) and is_verbal(head.head) \
        else [head]
    for child in (c for carrier in carriers for c in carrier.children):
        if _case_word(child) in cases.between:
            first = next((g for g in child.children if g.dep_ == "pobj"), child)
            # "between the Borana and Garba clans": the coordinated names modify the one noun
            first = next((m for m in first.children if m.dep_ in ("compound", "nmod", "amod")
                          and any(c.dep_ == "conj" for c in m.children)
                          and not any(c.dep_ == "conj" for c in first.children)), first)
            return [first, *(c for c in first.children if c.dep_ == "conj")]
    verb = carriers[-1]
    if verb is not head and verb._.lemma_key in cases.opposing_verbs:
        # "des combats opposent X à Y", "the fighting pitted X against Y"
        first = next((c for c in verb.children if dep_is(c, OBJECT_DEPS)), None)
        # the parser may hang "aux FARDC" on the object rather than on the verb
        beside = [*verb.children, *(first.children if first is not None else ())]
        other = next((c for c in beside if _case_word(c) in cases.opposing), None)
        other = next((g for g in other.children if g.dep_ == "pobj"), other) if other is not None else None
        return [t for t in (first, other) if t is not None]
    return []


def target_complements(head: Token, cases: CaseWords) -> list[Token]:
    """The phrases the target prepositions of ``head`` introduce, whatever they name ("an attack
    on the village", "une attaque contre le village", "on 8 March")."""
    return [next((g for g in child.children if g.dep_ == "pobj"), child)
            for child in head.children if _case_word(child) in cases.target]


def target_phrases(head: Token, cases: CaseWords, actors: ActorIndex) -> list[Token]:
    """The phrases naming who the action is against; only phrases that name an actor count, so
    "on 8 March" is no target."""
    def naming_actors(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if actors.mention_for(t) is not None]

    object_deps = PASSIVE_SUBJECT_DEPS if is_verbal(head) and is_passive(head) else OBJECT_DEPS
    found = [child for child in head.children if is_verbal(head) and dep_is(child, object_deps)]
    found += target_complements(head, cases)
    if befalls_its_noun(head):
        found.append(head.head)
    found = naming_actors(found) or naming_actors(_between_sides(head, cases)[1:])
    if not found and not is_verbal(head) and dep_is(head, SUBJECT_DEPS) and is_verbal(head.head):
        # "un engin explosif avait visé un convoi", "a roadside bomb struck a police vehicle"
        found = naming_actors([c for c in head.head.children if dep_is(c, OBJECT_DEPS)])
    if not found and is_verbal(head):
        # "shot and killed two soldiers": coordinated verbs share the object of the last one
        shared = next((c for c in head.children if c.dep_ == "conj" and is_verbal(c)), None)
        if shared is not None:
            found = naming_actors([c for c in shared.children if dep_is(c, OBJECT_DEPS)])
    if not found and head._.lemma_key in cases.reciprocal_verbs:
        # "gendarmes and an armed group clashed", "the army and the ONLF engaged in a battle": the
        # subject's other conjuncts are the other side
        subject = subject_of(head if is_verbal(head) else _partaking_verb(head, cases))
        found = naming_actors([c for c in subject.children if c.dep_ == "conj"]) if subject is not None else []
    return found


def actors_beside(doc: Doc, trigger: Trigger, actors: ActorIndex) -> tuple[Token | None, Token | None]:
    """The tokens of the actor mentions right before the trigger and right after it (past
    determiners and adjectives), else None."""
    before = doc[trigger.token_start - 1] if trigger.token_start > 0 else None
    after = trigger.token_end
    while after < len(doc) and doc[after].pos_ in ("DET", "ADJ", "NUM"):
        after += 1
    return (before if before is not None and before.i in actors.covering else None,
            doc[after] if after < len(doc) and after in actors.covering else None)


def targets_on_other_words(doc: Doc, trigger: Trigger, head: Token, cases: CaseWords,
                            actors: ActorIndex) -> list[Token]:
    """Who the action is against, named on the noun of a trigger its verb heads ("engaged in a fire
    fight with the military forces": "with" hangs on "fight", the trigger's head is "engaged")."""
    if not is_verbal(head):
        return []
    found = [next((g for g in child.children if g.dep_ == "pobj"), child)
             for token in doc[trigger.token_start:trigger.token_end] if token != head
             for child in token.children if _case_word(child) in cases.target]
    return [t for t in found if actors.mention_for(t) is not None]
