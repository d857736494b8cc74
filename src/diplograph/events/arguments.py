"""Who is an event's source and who its target, from the actor groups of its clause.

Without a parser we lean on what news syntax makes reliable: the first group of a clause
not governed by a preposition is its subject (the source); the target is the group a
frame's preposition introduces ("Angriffe auf", "sanctions on"), else the next group.
Passives ("von der EU", "by Israel") swap that, relative clauses take their antecedent,
infinitive clauses the main subject, and a nominalised trigger takes its genitive or
possessive modifier as agent ("Irans Angriffe", "the deployment of North Korean troops").
"""

from __future__ import annotations

from diplograph.events.groups import ActorGroup
from diplograph.events.rules import EventRules
from diplograph.events.triggers import TriggerMatch

# How far after an action noun (or its genitive) its agent phrase may stand: "die Freilassung
# der Geiseln durch die Hamas" (the noun's own object between).
_AGENT_REACH = 5
# Types whose place, when no target is named, is the target ("strikes on sites in Iran").
_PLACE_TARGETED = frozenset({"ASSAULT"})
# Types whose place, when no source is named, names the source: protesters are the people of
# where they protest ("Protesters in Baghdad rallied against Turkey").
_PLACE_SOURCED = frozenset({"PROTEST"})


def noun_modifier(
    clause_groups: list[ActorGroup], match: TriggerMatch, words: list[str], rules: EventRules
) -> ActorGroup | None:
    """The agent of a nominalisation: right before it ("Israeli strikes", "Irans Angriffe",
    "the Hamas attack", "Iran's delivery"), or a genitive right after it ("die Entsendung
    nordkoreanischer Truppen", "the deployment of North Korean troops")."""
    for g in reversed(clause_groups):
        if g.last >= match.first:
            continue
        gap = words[g.last + 1 : match.first]
        possessive = bool(gap) and gap[0] in ("'s", "’s")
        # Right before the noun, a preposition governs the whole phrase ("with the Hamas attack").
        if g.preposition is not None and gap and not possessive:
            continue
        modifier_forms = any(m.form in ("adjective", "genitive", "name", "demonym") for m in g.mentions)
        short_gap = len(gap) <= 2 and all(w in ("'s", "’s") or (w.isalpha() and w.islower()) for w in gap)
        # "entlang der Grenze zu Afghanistan Luftangriffe": a German name before a noun ends its own phrase.
        bare_name = not gap and not rules.open_compounds and all(m.form == "name" for m in g.mentions)
        if short_gap and (possessive or not gap or modifier_forms) and not bare_name:
            return g
    for g in clause_groups:
        gap = words[match.last + 1 : g.first]
        if (
            g.first > match.last
            and g.preposition is None
            and len(gap) <= 2
            and all(w in rules.determiners or w in rules.genitive_links or (w.isalpha() and w.islower()) for w in gap)
        ) and all(m.form in ("adjective", "role", "demonym") for m in g.mentions):
            return g
    return None


def clause_subject(groups: list[ActorGroup], clause: tuple[int, int], rules: EventRules) -> ActorGroup | None:
    """The clause's first group that no preposition governs and that modifies no noun."""
    start, end = clause
    for g in groups:
        if start <= g.first and g.last < end and g.preposition is None and not _is_modifier(g):
            return g
    return None


def _is_modifier(group: ActorGroup) -> bool:
    """A genitive modifying a noun ("Irans Position", "Iran's delivery") is not a participant."""
    return all(m.form == "genitive" for m in group.mentions)


def clause_roles(
    clause_groups: list[ActorGroup],
    match: TriggerMatch,
    words: list[str],
    rules: EventRules,
    start: int,
    end: int,
    groups: list[ActorGroup],
    clauses: list[tuple[int, int]],
    number: int,
    main_subject: ActorGroup | None,
    coordinated: bool = False,
) -> tuple[ActorGroup | None, ActorGroup | None, bool]:
    """Source and target of a verbal trigger in clause ``number`` (``words[start:end]``), and
    whether the source was taken from context (the antecedent of a relative clause, the main
    subject) rather than named in the clause, which lowers confidence. A ``coordinated`` clause
    is a verb phrase sharing the main clause's subject ("… und drohte Polen"): its groups are
    objects."""
    trigger = match.trigger
    free = [g for g in clause_groups if g.preposition is None and not _is_modifier(g)]
    # Passive: "von der EU mit Sanktionen belegt", "was attacked by Israel".
    agent = next((g for g in clause_groups if g.preposition in rules.passive_agents), None)
    # "an agreement brokered by the United States": a participle with its agent, no auxiliary.
    right_after = agent is not None and (
        words[match.last] in rules.passive_agents
        or (match.last + 1 < len(words) and words[match.last + 1] in rules.passive_agents)
        # German puts it before the participle: "die von Katar vermittelte Waffenruhe".
        or (agent.last == match.first - 1 and "noun" not in trigger.flags)
    )
    if (
        agent is not None
        and (right_after or any(w in rules.passive_auxiliaries for w in words[start:end]))
        and not trigger.target_preps & rules.passive_agents
    ):
        reduced = right_after and not any(w in rules.passive_auxiliaries for w in words[start:end])
        if reduced and trigger.mode != "third-party":
            # "infrastructure destroyed by Israeli strikes": the participle modifies a noun, the
            # clause subject is not its target (but "a deal brokered by France" is the parties').
            marked = [g for g in clause_groups if g is not agent and g.marker in trigger.target_preps]
            return agent, (marked[0] if marked else None), False
        target = free[0] if free else None
        return agent, target, False
    if coordinated and main_subject is not None:
        target = find_target(
            [g for g in clause_groups if g is not main_subject], match, rules, after=None, exclude=None
        )
        return main_subject, target, False
    source = free[0] if free else None
    if rules.subject_nearest:
        before = [g for g in free if g.last < match.head]
        # Subject-verb-object order: a verb's subject comes before it ("summoned the
        # ambassador" names the target, not the source); a noun may take one after it.
        source = before[-1] if before else (source if "noun" in trigger.flags else None)
    target = find_target(clause_groups, match, rules, after=None, exclude=source)
    if trigger.symmetric and target is None and source is not None:
        # "the Russian dictator and the Iranian president held talks": coordinated subjects
        # that a noun kept apart are still the parties.
        partner = next(
            (g for g in reversed(free) if g.last < source.first and source.first - g.last <= 5
             and any(w in rules.conjunctions for w in words[g.last + 1 : source.first])),
            None,
        )  # fmt: skip
        target = partner
    if (joint := joint_parties(clause_groups, match, rules)) is not None:
        return joint, None, False
    if source is None and trigger.symmetric:
        joint = target or next((g for g in clause_groups if g.preposition in rules.joint_prepositions), None)
        if joint is not None:
            return joint, None, False  # "ein Abkommen zwischen Russland und Iran"
    if source is None and trigger.type in _PLACE_SOURCED:
        placed = [g for g in clause_groups if g.marker in rules.place_prepositions and g is not target]
        if placed:
            return placed[0], target, False  # "In Tiflis protestierten Zehntausende gegen Russland"
    from_context = False
    if source is None:
        from_context = True
        first_word = words[start] if start < len(words) else ""
        if first_word in rules.relative_pronouns and number > 0:
            before = [g for g in groups if g.last < start]
            source = before[-1] if before else None
        elif number > 0:
            source = main_subject
            # "…, um eine Partnerschaft zu unterzeichnen": the main subject does it, for certain.
            from_context = first_word not in rules.infinitive_openers
        if source is target:
            source = None
    return source, target, from_context


def find_target(
    clause_groups: list[ActorGroup],
    match: TriggerMatch,
    rules: EventRules,
    *,
    after: int | None,
    exclude: ActorGroup | None,
) -> ActorGroup | None:
    """The group a trigger acts on: the nearest one its frame's preposition introduces ("auf",
    "on"), else the first free group after ``exclude`` (the source), else, for an attack, the
    place it hit. ``after``: only groups starting after this token count."""
    trigger = match.trigger
    candidates = [g for g in clause_groups if g is not exclude and (after is None or g.first > after)]
    if trigger.target_preps:
        marked = [g for g in candidates if g.marker in trigger.target_preps]
        if marked:
            # The one nearest the trigger.
            return min(marked, key=lambda g: abs(g.first - match.first))
    free = [g for g in candidates if g.preposition is None and not _is_modifier(g)]
    if exclude is not None:
        # After the source, and not the source named again ("Moskau kritisierte …: Kremlsprecher
        # Peskow warf Berlin vor": the spokesman is Moscow, Berlin the target).
        free = [g for g in free if g.first > exclude.last and set(g.codes) - set(exclude.codes)]
    if free:
        return free[0]
    if "noun" not in trigger.flags:
        # No other object: the owner of the verb's object noun is the one acted on
        # ("verurteilte den Angriff Russlands", "ratifizierte den NATO-Beitritt Schwedens").
        owners = [g for g in candidates if g.preposition is None and _is_modifier(g)]
        owners = [g for g in owners if exclude is None or g.first > exclude.last]
        if owners:
            return owners[0]
    if trigger.type in _PLACE_TARGETED:
        # "Russia attacked targets in Ukraine": an attack's place names its target (in
        # subject-verb-object order not a venue before it: "signed a deal in Washington to
        # end the fighting"; German puts the verb last: "Ziele in Pakistan bombardiert").
        placed = [
            g for g in candidates
            if g.marker in rules.place_prepositions and (g.first > match.last or not rules.subject_nearest)
        ]  # fmt: skip
        return placed[0] if placed else None
    return None


def mediated_roles(
    clause_groups: list[ActorGroup], match: TriggerMatch, rules: EventRules
) -> tuple[ActorGroup, ActorGroup | None] | None:
    """Mediator and parties of a mediation named by its marker ("unter Vermittlung Katars",
    "a truce brokered by Egypt between X and Y"), or None when the trigger is not such a marker."""
    mediator = next(
        (g for g in clause_groups if g.mediator is not None and g.mediator[0] <= match.first <= g.mediator[1]),
        None,
    )
    if mediator is None:
        return None
    others = [g for g in clause_groups if g is not mediator]
    joint = [g for g in others if g.preposition in rules.joint_prepositions or g.marker in match.trigger.target_preps]
    free = [g for g in others if g.preposition is None and not _is_modifier(g)]
    return mediator, (joint or free or [None])[0]


def without_mediators(clause_groups: list[ActorGroup], match: TriggerMatch) -> list[ActorGroup]:
    """A mediator named in a clause ("konnten sich unter Vermittlung Katars nicht einigen") is
    not a party to its other events."""
    kept = [g for g in clause_groups if g.mediator is None or g.mediator[0] <= match.first <= g.mediator[1]]
    return kept if kept else clause_groups


def joint_parties(clause_groups: list[ActorGroup], match: TriggerMatch, rules: EventRules) -> ActorGroup | None:
    """The parties a joint noun names after it ("concerns about joint drills between China and
    Russia"), whoever the clause's subject is."""
    if not (match.trigger.symmetric and "noun" in match.trigger.flags):
        return None
    return next(
        (g for g in clause_groups
         if g.preposition in rules.joint_prepositions and g.first > match.last and len(g.codes) > 1),
        None,
    )  # fmt: skip


def hyphen_agent(clause_groups: list[ActorGroup], match: TriggerMatch, words: list[str]) -> ActorGroup | None:
    """The agent joined to a participle by a hyphen ("the US-brokered truce", "die
    US-vermittelte Waffenruhe", "a United Nations-brokered deal"): the group ending in the
    trigger's own token, or right before a lone hyphen ("the U.S.-brokered deal")."""
    first = match.head
    if "noun" in match.trigger.flags:
        return None
    joined = "-" in words[first].strip("-")
    for g in clause_groups:
        if (joined and g.last == first and g.first <= first) or (
            first >= 2 and words[first - 1] == "-" and g.last == first - 2
        ):
            return g
    return None


def nominal_roles(
    clause_groups: list[ActorGroup], match: TriggerMatch, words: list[str], rules: EventRules
) -> tuple[ActorGroup, ActorGroup | None] | None:
    """Agent and patient named after an action noun: "die Festnahme eines britischen Diplomaten
    durch China", "the arrest of a British diplomat by China" (the genitive is the patient,
    the "durch"/"by" phrase the agent); "der Einmarsch Russlands in die Ukraine", "die Kritik
    Chinas an Japan" (a genitive name is the agent where the frame marks the target with a
    preposition). None when the noun names neither."""
    trigger = match.trigger
    if rules.verb_suffixes and words[match.head].endswith(rules.verb_suffixes):
        return None  # "Kyiv was attacked by Russia": a participle, not the noun
    after = [g for g in clause_groups if g.first > match.last]
    genitive = next((g for g in after if _genitive_of(g, match, words, rules)), None)
    # A German adjective right after the noun is a genitive too ("die Beschlagnahmung russischer
    # Tanker durch Estland"), but as the patient only: before it, it names the agent.
    patient = genitive or next((g for g in after if _adjective_genitive(g, match, rules)), None)
    # The agent phrase follows the noun or its genitive directly: "the arrest of a diplomat by
    # China", not "a conflict that has killed thousands since it was ignited by the Gaza war".
    edge = patient.last if patient is not None else match.last
    agent = next(
        (g for g in after
         if g.marker in rules.nominal_agents and g is not patient and g.first - edge <= _AGENT_REACH
         and "," not in words[edge + 1 : g.first]),
        None,
    )  # fmt: skip
    marked = [g for g in after if g.marker in trigger.target_preps and g is not patient and g is not agent]
    if agent is not None:
        return agent, patient or (marked[0] if marked else None)
    if genitive is not None and rules.agent_genitive and (trigger.target_preps or trigger.symmetric):
        rest = [g for g in after if g is not genitive]
        # No marked target: an attack's place after the noun ("der Drohnenangriff der Ukraine … in Russland").
        return genitive, marked[0] if marked else find_target(rest, match, rules, after=genitive.last, exclude=None)
    return None


def _genitive_of(group: ActorGroup, match: TriggerMatch, words: list[str], rules: EventRules) -> bool:
    """A group right after the noun in the genitive: "Russlands", "des Iran", "der Ukraine",
    "of Israel", "eines britischen Diplomaten"."""
    gap = words[match.last + 1 : group.first]
    if len(gap) > 2 or not all(w in rules.determiners or w in rules.genitive_links for w in gap):
        return False
    return all(m.form == "genitive" for m in group.mentions) or any(w in rules.genitive_links for w in gap)


def _adjective_genitive(group: ActorGroup, match: TriggerMatch, rules: EventRules) -> bool:
    """An adjective right after a German noun: "russischer Tanker" in "die Beschlagnahmung
    russischer Tanker"."""
    return rules.agent_genitive and group.first == match.last + 1 and all(m.form == "adjective" for m in group.mentions)
