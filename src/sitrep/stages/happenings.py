"""One frame per happening: triggers close in the tree that describe one happening ("a pris le camp
après des combats") merged into the highest-priority one; violence, arrests and clashes a sentence
tells of its protest's protesters folded into that protest; victims a sentence names given to its
event."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.models import ActorMention, EventFrame
from sitrep.stages.crowds import CROWD_TYPES
from sitrep.stages.event_filter import is_protest
from sitrep.stages.syntax import governor

# Two triggers this close in the tree (not coordinated) describe one happening: "a pris le
# contrôle du camp après des combats" is one takeover, not a takeover and a battle.
SAME_HAPPENING_DISTANCE = 2


def happenings(kept: list[EventFrame], frames: list[EventFrame], doc: Doc) -> list[EventFrame]:
    """Of the frames that report events (``kept``), one per happening, with the victims the death
    words of their sentence (among all ``frames``) name."""
    regular = fold_into_protests(one_per_happening(without_preludes(
        [f for f in kept if not f.trigger.entry.death_only], doc), doc), doc)
    add_victims(regular, [f for f in frames if f.trigger.entry.death_only], doc)
    return regular


def by_sentence(frames: list[EventFrame], doc: Doc) -> dict[int, list[EventFrame]]:
    """The frames by the start of their head's sentence, in their order."""
    grouped: dict[int, list[EventFrame]] = {}
    for frame in frames:
        grouped.setdefault(doc[frame.head].sent.start, []).append(frame)
    return grouped


def without_preludes(frames: list[EventFrame], doc: Doc) -> list[EventFrame]:
    """Less the movements a sentence tells beside another event: "militants regrouped and
    attacked the town" is the attack, how it began no event of its own."""
    sentences = by_sentence(frames, doc)
    return [f for f in frames if not f.trigger.entry.prelude
            or all(other.trigger.entry.prelude for other in sentences[doc[f.head].sent.start])]


def one_per_happening(frames: list[EventFrame], doc: Doc) -> list[EventFrame]:
    """Of triggers describing one happening, the highest-priority one, of equals the one higher in
    the tree ("l'artillerie ... a bombardé un quartier de Kherson": the verb, whose complements
    name the place); it takes over the arguments it lacks from the others."""
    kept: list[EventFrame] = []
    kept_in_sentence: dict[int, list[EventFrame]] = {}  # only frames of one sentence are one happening
    depth = lambda f: sum(1 for _ in doc[f.head].ancestors)  # noqa: E731
    for frame in sorted(frames, key=lambda f: (-f.trigger.entry.priority, depth(f))):
        same_sentence = kept_in_sentence.setdefault(doc[frame.head].sent.start, [])
        partner = next((k for k in same_sentence if _same_happening(k, frame, doc)), None)
        if partner is None:
            kept.append(frame)
            same_sentence.append(frame)
        else:
            _absorb(partner, frame)
    return sorted(kept, key=lambda f: f.trigger.token_start)

def _same_happening(a: EventFrame, b: EventFrame, doc: Doc) -> bool:
    """Two triggers close in the tree, not coordinated, of different priorities ("a pris le camp
    après des combats"), of the same entry, or one of them a generic word ("repelled an attack")."""
    head_a, head_b = doc[a.head], doc[b.head]
    if head_a.sent != head_b.sent:
        return False
    entry_a, entry_b = a.trigger.entry, b.trigger.entry
    if entry_a.priority == entry_b.priority and entry_a.id != entry_b.id and not (entry_a.generic or entry_b.generic):
        return False
    upper, lower = (head_a, head_b) if head_a in head_b.ancestors else (head_b, head_a)
    if upper not in lower.ancestors:
        return False
    distance, node = 0, lower
    while node != upper:
        if node.dep_ == "conj":
            return False
        distance += node.pos_ != "ADP"  # "after (two days of) clashes": prepositions add no distance
        node = node.head
    return distance <= SAME_HAPPENING_DISTANCE

def _absorb(kept: EventFrame, other: EventFrame) -> None:
    kept.fatalities = kept.fatalities or other.fatalities
    kept.date = kept.date or other.date
    kept.places = kept.places or other.places
    if (other.trigger.entry.id == kept.trigger.entry.id or other.trigger.entry.generic) and other.agent is not None \
            and kept.agent is not None and other.agent.text != kept.agent.text:
        # "troops repelled an attack by ISWAP": who made the attack began the battle
        kept.agent, kept.targets = other.agent, [kept.agent]
        return
    if not kept.targets:  # "a pris le camp après des combats contre X": X is the loser of the takeover
        kept.targets, kept.target_tokens = other.targets, other.target_tokens
    if not kept.targets and other.agent is not None and other.agent is not kept.agent:
        kept.targets = [other.agent]
    kept.agent = kept.agent or other.agent

def fold_into_protests(frames: list[EventFrame], doc: Doc) -> list[EventFrame]:
    """Violence, arrests and clashes that a sentence tells of the protesters of its protest
    ("police opened fire on protesters", "riot police beat and detained dozens of protesters",
    "protesters stormed parliament") are how that protest went, not events of their own: the
    protest's sub-type says so (its `when` rules), and it takes their toll."""
    protests = by_sentence([f for f in frames if is_protest(f)], doc)
    kept = []
    for frame in frames:
        protest = None if is_protest(frame) else next(
            (p for p in protests.get(doc[frame.head].sent.start, ())
             if _names_protesters(frame) or _said_of(frame, p, doc)), None)
        if protest is None:
            kept.append(frame)
        else:
            protest.fatalities = protest.fatalities or frame.fatalities
            if not protest.targets:  # the side the protesters faced ("police clashed with demonstrators")
                protest.targets = [m for m in (frame.agent, *frame.targets) if m is not None and not _is_crowd(m)][:1]
    return kept

def _said_of(frame: EventFrame, protest: EventFrame, doc: Doc) -> bool:
    """A clause on the protest's own word ("protesters who stormed parliament"), or a verb
    coordinated with one ("... and set part of the building ablaze")."""
    head = doc[frame.head]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("relcl", "acl:relcl", "acl") and head.head.i == protest.head

def _names_protesters(frame: EventFrame) -> bool:
    return any(m is not None and _is_crowd(m) for m in (frame.agent, *frame.targets))


def _is_crowd(mention: ActorMention) -> bool:
    return mention.actor is not None and mention.actor.actor_type in CROWD_TYPES

def add_victims(regular: list[EventFrame], deaths: list[EventFrame], doc: Doc) -> None:
    """An event with no target of its own is against those its sentence says it killed or
    wounded ("Russian forces shelled Kharkiv, killing three civilians"); one with no agent of its
    own was carried out by those who killed or wounded in its clause ("Military forces killed six
    people in an attack on Ikata village")."""
    deaths_in_sentence = by_sentence(deaths, doc)
    for frame in regular:
        told = deaths_in_sentence.get(doc[frame.head].sent.start, ())
        victims = next((death for death in told if death.targets), None)
        if not frame.targets and victims is not None:
            frame.targets, frame.target_tokens = victims.targets, victims.target_tokens
        killers = next((death for death in told if death.agent is not None
                        and _one_clause(doc[death.head], doc[frame.head])), None)
        if frame.agent is None and killers is not None and killers.agent not in frame.targets:
            frame.agent = killers.agent


def _one_clause(death: Token, event: Token) -> bool:
    """The killing word governs the event word, itself or through a preposition ("killed six people
    in an attack"), or hangs on it ("shelled Kharkiv, killing three")."""
    return governor(event) == death or death.head == event
