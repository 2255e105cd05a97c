"""Actor and source mentions: named groups from the knowledge base (sitrep/actors/data), generic
and partisan wording from lang/<code>/actors.yaml, and unknown armed groups the NER finds, each
resolved to a canonical ACLED-style actor or a reporting source.

``add_actor_ruler`` puts a component before the statistical NER that labels every knowledge-base
alias ACTOR or SOURCE (the NER keeps preset entities: spaCy's French model would otherwise call
"Jaïsh al-Fateh" or "al-Manar" a place) and records all matches for ``find_actors``.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from sitrep import lang as langdata
from sitrep.actors.kb import knowledge_base
from sitrep.actors.resolver import (
    WORD,
    LanguageData,
    Target,
    coalitions,
    first_named_side,
    implied_actor,
    language_data,
    merge_generic_with_named,
    named_group,
    resolve_actor,
    resolve_source_target,
    words_of,
)
from sitrep.lang.schemas import Places
from sitrep.models import ActorMention, ActorRef, SourceRef
from sitrep.text import fold, span_of

RULER_NAME = "sitrep_actor_ruler"
# a one-word generic match that modifies a noun is an adjective, not an actor ("académies
# militaires", "military base", "civilian areas")
MODIFIER_DEPS = frozenset({"amod"})
# how far back (tokens) "the group" / "ce groupuscule" looks for the group it refers to
ANAPHOR_REACH = 150
# actor types an anaphor such as "the group" can refer to
GROUP_TYPES = frozenset({"rebel_group", "political_militia", "identity_militia", "external_other"})
# armed groups that fight at home: naming one points to its country
HOME_TYPES = frozenset({"rebel_group", "political_militia", "identity_militia"})
# a state's forces, at home or abroad
STATE_TYPES = frozenset({"state_forces", "external_other"})

if not Doc.has_extension("sitrep_actor_matches"):
    Doc.set_extension("sitrep_actor_matches", default=None)


class TokenMatch(NamedTuple):
    token_start: int
    token_end: int
    targets: tuple[Target, ...]

    def to_plain(self) -> list:
        """Lists and strings only: docs cross process boundaries as msgpack (nlp.pipe(n_process))."""
        return [self.token_start, self.token_end, [list(t) for t in self.targets]]

    @classmethod
    def from_plain(cls, plain: list) -> TokenMatch:
        start, end, targets = plain
        return cls(start, end, tuple(Target(*t) for t in targets))


def _word_stream(doc: Doc) -> tuple[list[str], list[int]]:
    words: list[str] = []
    token_of: list[int] = []
    for token in doc:
        for word in WORD.findall(fold(token.text)):
            words.append(word)
            token_of.append(token.i)
    return words, token_of


def match_tokens(doc: Doc, data: LanguageData) -> list[TokenMatch]:
    """Knowledge-base aliases and generic wording in ``doc``, as non-overlapping token ranges."""
    words, token_of = _word_stream(doc)

    def accept(start: int, end: int, target: Target) -> bool:
        return target.exact is None or target.exact in doc[token_of[start]:token_of[end - 1] + 1].text

    def punctuated(end: int, start: int) -> bool:
        last = doc[token_of[end - 1]]
        if token_of[start] <= last.i:
            return False  # two words of one token
        between = doc[last.i + 1:token_of[start]]
        line_break = "\n" in last.whitespace_ or any("\n" in token.text_with_ws for token in between)
        return line_break or any(token.is_punct for token in between)  # a title's last word is no modifier

    matches = merge_generic_with_named(data.index.scan(words, accept), words, data.links, punctuated)
    found: list[TokenMatch] = []
    for match in (first_named_side(m, words, data) for m in matches):
        start, end = token_of[match.start], token_of[match.end - 1] + 1
        if end < len(doc) and doc[end].text == ")" and doc[start:end].text.count("(") > doc[start:end].text.count(")"):
            end += 1  # "CPI (Maoist)": words match without the closing bracket
        if found and start < found[-1].token_end:
            continue  # two matches inside one token ("d'al-Manar" split differently): keep the first
        if end - start == 1 and not match.targets[0].is_named and doc[start].dep_ in MODIFIER_DEPS:
            continue
        found.append(TokenMatch(start, end, match.targets))
    return found


class ActorRuler:
    """Pipeline component: labels knowledge-base aliases ACTOR/SOURCE before the NER runs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        matches = match_tokens(doc, language_data(self.lang))
        doc._.sitrep_actor_matches = [m.to_plain() for m in matches]
        entities = []
        for match in matches:
            best = match.targets[0]
            if best.is_named:
                label = "SOURCE" if best.is_source else "ACTOR"
                entities.append(SpacySpan(doc, match.token_start, match.token_end, label=label,
                                          kb_id=f"{best.kind}:{best.ref}"))
        doc.set_ents(entities, default="unmodified")
        return doc


@Language.factory(RULER_NAME, default_config={"lang": "en"})
def _make_ruler(nlp: Language, name: str, lang: str) -> ActorRuler:
    return ActorRuler(lang)


def add_actor_ruler(nlp: Language, lang: str) -> None:
    """Add the actor ruler before "ner" (or last where the pipeline has no NER)."""
    if RULER_NAME in nlp.pipe_names:
        return
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe(RULER_NAME, config={"lang": lang}, **where)



def _mention(doc: Doc, match: TokenMatch, published: date | None, country: str | None) -> ActorMention:
    span = span_of(doc[match.token_start:match.token_end])
    common = dict(text=span.text, span=span, token_start=match.token_start, token_end=match.token_end)
    if match.targets[0].is_source:
        source = resolve_source_target(tuple(t for t in match.targets if t.is_source), country)
        return ActorMention(**common, is_source=True, source=source.model_copy(update={"text": span.text, "span": span}))
    actor = resolve_actor(tuple(t for t in match.targets if not t.is_source), published, country)
    return ActorMention(**common, actor=actor.model_copy(update={"text": span.text, "span": span}),
                        member_of=coalitions(actor.actor_id, published))


def _unknown_groups(doc: Doc, data: LanguageData, labels: Places, taken: set[int]) -> list[ActorMention]:
    """Named groups the knowledge base lacks: an organisation the NER finds with a group word in
    its name or just before it ("the Hamza Brigade", "la brigade Al-Farouk"), or any other entity
    starting with or preceded by one ("Katibat al-Khadra", which the French model calls a place).
    Unresolved; the actor type comes from the group word. ``labels``: the language's entity labels
    (lang/<code>/places.yaml)."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in labels.group_labels or any(i in taken for i in range(ent.start, ent.end)):
            continue
        start = ent.start + 1 if ent[0].pos_ == "DET" and len(ent) > 1 else ent.start
        cue = None
        before = words_of(doc[start - 1].text) if start > 0 and (start - 1) not in taken else ()
        if before and before[-1] in data.type_cues:
            cue, start = data.type_cues[before[-1]], start - 1
        else:
            words = [w for token in doc[start:ent.end] for w in words_of(token.text)]
            cue_words = words if ent.label_ in labels.organisation_labels else words[:1]
            cue = next((data.type_cues[w] for w in cue_words if w in data.type_cues), None)
        if cue is None:
            continue
        span = span_of(doc[start:ent.end])
        found.append(ActorMention(text=span.text, span=span, token_start=start, token_end=ent.end,
                                  actor=ActorRef(text=span.text, actor_type=cue, resolved=False, span=span)))
    return found


def _identity_groups(doc: Doc, data: LanguageData, taken: set[int], country: str | None) -> list[ActorMention]:
    """Clans, tribes and ethnic groups the text names by a proper name beside a word for one ("the
    Borana and Garba clans", "Misseriya tribesmen", "la tribu Misseriya"): no knowledge base lists
    every one, and ACLED names each after its name ("Borana Ethnic Militia (Kenya)").
    ``taken``: tokens of other actors' words, which are no name ("cattle raiders")."""
    found: list[ActorMention] = []
    cues = _identity_cues(doc, data)
    never_names = {t.i for t in doc if fold(t.text) in data.not_group_names} if cues else set()
    for cue_start, cue_end, role in cues:
        cue = doc[cue_start:cue_end].root
        not_names = taken.difference(range(cue_start, cue_end)) | never_names
        for run in _names_beside(doc, cue_start, cue_end, not_names, data.links):
            # the name modifies the cue ("Garba" of "Garba clans"), not a word beside it ("in Moyale herders")
            hangs_on_cue = all(t.head.i in range(run.start, run.end) or cue.is_ancestor(t) for t in run)
            if not hangs_on_cue or words_of(run.text) in data.nationalities \
                    or (run.start > cue_start and words_of(run[0].text) in data.nationalities):
                continue  # "supporters of Syrian President Bashar Assad": a foreign leader's, not a party's
            for name in (run, *_coordinated_names(run, cue, not_names)):
                start = min(name.start, cue_start) if name is run else name.start
                end = max(name.end, cue_end) if name is run else name.end
                span = span_of(doc[start:end])
                actor = named_group(role, name.text, country)
                found.append(ActorMention(text=span.text, span=span, token_start=start, token_end=end,
                                          actor=actor.model_copy(update={"text": span.text, "span": span})))
    return sorted({m.token_start: m for m in found}.values(), key=lambda m: m.token_start)


def _identity_cues(doc: Doc, data: LanguageData) -> list[tuple[int, int, str]]:
    """Token ranges of the words that make a name beside them a clan's, tribe's or ethnic group's."""
    longest = 2 * max((len(cue) for cue in data.identity_cues), default=0)  # words and the hyphens between
    first_words = {cue[0] for cue in data.identity_cues}
    cues = []
    for start in range(len(doc)):
        if not first_words.intersection(words_of(doc[start].text)):
            continue
        words: tuple[str, ...] = ()
        for end in range(start + 1, min(start + longest, len(doc)) + 1):
            last = words_of(doc[end - 1].text)
            words += last
            if last and words in data.identity_cues:  # "sub-clan" is three tokens; "clans." ends at "clans"
                cues.append((start, end, data.identity_cues[words]))
    return cues


def _is_name_word(token: Token, taken: set[int]) -> bool:
    """A capitalised word of a proper name (a sentence's first word only where tagged a noun)."""
    return token.i not in taken and token.text[:1].isupper() and token.is_alpha \
        and (token.pos_ in ("PROPN", "NOUN") or not token.is_sent_start)


def _name_run(doc: Doc, index: int, taken: set[int]) -> SpacySpan:
    """The run of proper-name words around token ``index``."""
    start = end = index
    while start > 0 and _is_name_word(doc[start - 1], taken):
        start -= 1
    while end + 1 < len(doc) and _is_name_word(doc[end + 1], taken):
        end += 1
    return doc[start:end + 1]


def _names_beside(doc: Doc, cue_start: int, cue_end: int, taken: set[int],
                  links: frozenset[tuple[str, ...]]) -> list[SpacySpan]:
    """The proper names just before and just after a cue ("Garba clans", "tribu Misseriya"), or
    after it and a link word ("supporters of the NDC": acled-train, 388 notes so worded)."""
    after = [cue_end + len(link) for link in links
             if tuple(w for t in doc[cue_end:cue_end + len(link)] for w in words_of(t.text)) == link]
    beside = [index for index in (cue_start - 1, cue_end, *after)
              if 0 <= index < len(doc) and _is_name_word(doc[index], taken)]
    return [_name_run(doc, index, taken) for index in dict.fromkeys(beside)]


def _coordinated_names(run: SpacySpan, cue: Token, taken: set[int]) -> list[SpacySpan]:
    """Names coordinated with a group's name or its cue: "Borana" of "the Borana and Garba clans",
    "Rizeigat" of "les tribus Misseriya et Rizeigat"."""
    doc = run.doc
    others = {other.start: other for token in (*run, cue)
              for linked in ([token.head] if token.dep_ == "conj" else []) + [c for c in token.children if c.dep_ == "conj"]
              if linked.i not in range(run.start, run.end) and _is_name_word(linked, taken)
              for other in [_name_run(doc, linked.i, taken)]}
    return list(others.values())


def _resolve_anaphors(anaphors: list[TokenMatch], antecedents: list[ActorMention], doc: Doc) -> list[ActorMention]:
    """"The group", "ce groupuscule": the nearest named or unknown group before it, within
    ANAPHOR_REACH tokens; none where there is no such group (the words are then dropped)."""
    found = []
    for anaphor in anaphors:
        before = [m for m in antecedents
                  if m.token_end <= anaphor.token_start and anaphor.token_start - m.token_end <= ANAPHOR_REACH]
        if not before:
            continue
        antecedent = before[-1]
        span = span_of(doc[anaphor.token_start:anaphor.token_end])
        found.append(antecedent.model_copy(update={
            "text": span.text, "span": span, "token_start": anaphor.token_start, "token_end": anaphor.token_end,
            "actor": antecedent.actor.model_copy(update={"text": span.text, "span": span})}))
    return found


def find_actors(doc: Doc, lang: str, *, published: date | None, country: str | None) -> list[ActorMention]:
    """Every actor and source mention in ``doc``, in text order, non-overlapping, resolved for the
    article's publication date and country focus."""
    matches = _matches(doc, lang)
    data = language_data(lang)
    identity = _identity_groups(doc, data, {i for m in matches for i in range(m.token_start, m.token_end)}, country)
    in_identity = {i for m in identity for i in range(m.token_start, m.token_end)}
    matches = [m for m in matches if m.targets[0].is_named or in_identity.isdisjoint(range(m.token_start, m.token_end))]
    anaphors = [m for m in matches if m.targets[0].kind == "anaphor"]
    named = [(m, _mention(doc, m, published, country)) for m in matches if m.targets[0].kind != "anaphor"]
    taken = in_identity | {i for m in matches for i in range(m.token_start, m.token_end)}
    unknown = _unknown_groups(doc, data, langdata.load(lang, "places"), taken)
    groups = sorted([mention for match, mention in named if match.targets[0].kind == "actor"
                     and mention.actor.actor_type in GROUP_TYPES] + identity + unknown, key=lambda m: m.token_start)
    mentions = [mention for _, mention in named] + identity + unknown + _resolve_anaphors(anaphors, groups, doc)
    return sorted(mentions, key=lambda m: m.token_start)


def home_countries(doc: Doc, lang: str) -> list[str]:
    """The countries whose conflicts the armed groups the text names belong to ("SPLM-N": Sudan),
    groups known in one country only: where the story is, when its places are namesakes ("Bari")."""
    kb = knowledge_base()
    found = []
    for match in _matches(doc, lang):
        target = match.targets[0]
        actor = kb.actors.get(target.ref) if target.kind == "actor" else None
        if actor is not None and actor.country and not actor.operates_in and actor.type in HOME_TYPES:
            found.append(actor.country)
    return found


def _matches(doc: Doc, lang: str) -> list[TokenMatch]:
    """The knowledge-base and generic matches the actor ruler recorded (found again if it did not run)."""
    recorded = doc._.sitrep_actor_matches
    if recorded is None:
        return match_tokens(doc, language_data(lang))
    return [TokenMatch.from_plain(plain) for plain in recorded]


def event_type_actor(event_type: str, *, published: date | None, country: str | None,
                     text: str = "", sub_event_type: str | None = None) -> ActorRef | None:
    """The actor ACLED codes first for an event type whatever the words say: "Protesters (X)"
    for a protest, "Rioters (X)" for a riot; for a bomb whose author is not named, an
    unidentified armed group (actors/data/generic.yaml); None for other types. ``text`` is kept
    as the words found (e.g. "people", or the trigger)."""
    actor = implied_actor(event_type, published, country, sub_event_type)
    return None if actor is None else actor.model_copy(update={"text": text})


def resolve_source(text: str, lang: str, country: str | None = None) -> SourceRef:
    """The source a phrase names ("l'OSDH", "le correspondant d'al-Manar", "le ministère syrien
    de la Défense"); unresolved with the phrase as text where nothing in it is known."""
    data = language_data(lang)
    words = words_of(text)
    for match in data.index.scan(words, lambda s, e, t: t.is_source and (t.exact is None or t.exact in text)):
        return resolve_source_target(match.targets, country).model_copy(update={"text": text})
    return SourceRef(text=text, resolved=False)
