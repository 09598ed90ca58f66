"""The CP-SAT model, one function per rule family.

A `Part` is what one CP-SAT model covers: some sessions with their free candidates (one
boolean each — only eligible pairs get a variable, which is the main speed lever) and some
fixed pairs (pinned, or kept by a repair) that enter every rule as constants. The whole week
is one part (`decompose=False`), or one part per group of stations that share people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model, cp_model_helper

from solver.instance import Instance, Pair, Person, Session
from solver.lone_officer import add_lone_officer
from solver.response_reach import TERM_TIERS, reach_table
from solver.roles import LEVELS, OFFICER_ROLES, counts, counts_toward
from solver.rules import RuleBook, continuity_baseline, history_units, round_km

Key = tuple[str, str]  # (session id, person id)
Values = Mapping[Key, int]


@dataclass
class Part:
    """Sessions to cover, their free candidates, and the fixed pairs around them."""

    sessions: list[Session]
    candidates: dict[str, list[Person]]
    fixed: list[Pair]
    people: list[Person]
    previous: list[Pair] = field(default_factory=list)
    name: str = "all"
    # A repair's floors: (police, officers, total) each session keeps at least, the seats
    # the previous roster filled with pairs that still keep every rule.
    floors: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    # Every eligible person of each session, when `candidates` lacks some (the candidate cut,
    # or people of other stations kept out of a station's part): the model whose coverage
    # bound holds for the whole week (see `solver.phases.prove_coverage`). None: the part's
    # own model already holds them all.
    eligible: dict[str, list[Person]] | None = None

    @property
    def size(self) -> int:
        """Number of candidate pairs (a proxy for solve effort)."""
        return sum(len(c) for c in self.candidates.values())


@dataclass
class RosterModel:
    """A CP-SAT model of one part with its variables, terms and hint recipes."""

    instance: Instance
    book: RuleBook
    part: Part
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    shortfall: cp_model.LinearExpr | int = 0
    short_seats: cp_model.IntVar | None = None
    seats: int = 0
    fixed_count: int = 0
    terms: dict[str, cp_model.LinearExpr | int] = field(default_factory=dict)
    # Variables whose value follows from the assignment: (var, recipe), used for complete hints.
    derived: list[tuple[cp_model.IntVar, Callable[[Values], int]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for session in self.part.sessions:
            for person in self.part.candidates.get(session.id, ()):
                self.x[(session.id, person.id)] = self.model.new_bool_var(
                    f"x|{session.id}|{person.id}"
                )
        self.fixed_count = len(self.part.fixed)

    # -- helpers

    def fixed_by_session(self) -> dict[str, list[Person]]:
        """Fixed people per session id."""
        out: dict[str, list[Person]] = defaultdict(list)
        for pair in self.part.fixed:
            out[pair.session].append(self.instance.person_by_id[pair.person])
        return out

    def vars_by_person(self) -> dict[str, list[tuple[Session, cp_model.IntVar]]]:
        """Each person's free variables with their sessions."""
        out: dict[str, list[tuple[Session, cp_model.IntVar]]] = defaultdict(list)
        sessions = self.instance.session_by_id
        for (sid, pid), var in self.x.items():
            out[pid].append((sessions[sid], var))
        return out

    def values_of(self, pairs: Iterable[Pair]) -> dict[int, int]:
        """The value of every variable (by index) under an assignment of the free pairs:
        the derived ones at their best (smallest feasible cost) value."""
        chosen = {(p.session, p.person) for p in pairs}
        values: dict[Key, int] = {key: int(key in chosen) for key in self.x}
        out = {var.index: values[key] for key, var in self.x.items()}
        for var, recipe in self.derived:
            out[var.index] = recipe(values)
        return out

    def hint(self, pairs: Iterable[Pair]) -> None:
        """A complete hint: the assignment and every derived variable."""
        self.set_hint(self.values_of(pairs))

    def set_hint(self, values: Mapping[int, int]) -> None:
        """A complete hint from `values_of`."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        # Written into the model's proto at once: `add_hint` per variable costs seconds of
        # Python on a district model.
        indices = [var.index for var in self.x.values()]
        indices += [var.index for var, _recipe in self.derived]
        hint = self.model.proto.solution_hint
        hint.vars.extend(indices)
        hint.values.extend(values[i] for i in indices)

    @staticmethod
    def evaluate(expr: cp_model.LinearExprT, values: Mapping[int, int]) -> int:
        """An integer expression's value under `values` (variable index → value)."""
        if not isinstance(expr, cp_model.LinearExpr):
            return int(expr)
        flat = cp_model_helper.FlatIntExpr(expr)
        return int(flat.offset) + sum(
            c * values[v.index] for v, c in zip(flat.vars, flat.coeffs, strict=True)
        )

    def assignment(self, value: Callable[[cp_model.IntVar], bool]) -> list[Pair]:
        """The chosen free pairs under a solution accessor."""
        return [Pair(sid, pid) for (sid, pid), var in self.x.items() if value(var)]


# --------------------------------------------------------------------------- hard rules


def add_coverage(rm: RosterModel) -> None:
    """Shortfall slacks for police, officers and total (never infeasible), and never more
    people than `need.total`. Sets `rm.shortfall`, the risk-weighted coverage cost, and
    `rm.short_seats`, the number of empty seats (for progress reports)."""
    weights = rm.instance.rules.weights
    fixed = rm.fixed_by_session()
    cost_vars: list[cp_model.IntVar] = []
    cost_coefs: list[int] = []
    total_vars: list[cp_model.IntVar] = []
    total_recipes: list[Callable[[Values], int]] = []
    constant = 0
    constant_seats = 0
    for session in rm.part.sessions:
        need = session.need
        rm.seats += need.total
        risk = rm.instance.risk(session)
        fixed_roles = [p.role for p in fixed.get(session.id, ())]
        fixed_police, fixed_officers, _ = counts(fixed_roles)
        people = rm.part.candidates.get(session.id, [])
        if len(fixed_roles) + len(people) > need.total:
            rm.model.add(
                sum(rm.x[(session.id, p.id)] for p in people) <= need.total - len(fixed_roles)
            )
        levels = (
            (need.police - fixed_police, weights.police_shortfall, LEVELS[0]),
            (need.officers - fixed_officers, weights.officer_shortfall, LEVELS[1]),
            (need.total - len(fixed_roles), weights.total_shortfall, LEVELS[2]),
        )
        for level, (missing_at_most, weight, counted) in enumerate(levels):
            if missing_at_most <= 0:
                continue
            keys = [(session.id, p.id) for p in people if counts_toward(p.role, counted)]
            if not keys:
                # Nothing can fill these seats: a constant cost.
                constant += weight * risk * missing_at_most
                if level == 2:
                    constant_seats += missing_at_most
                continue
            var = rm.model.new_int_var(0, missing_at_most, f"short{level}|{session.id}")
            rm.model.add(sum(rm.x[k] for k in keys) + var >= missing_at_most)

            def recipe(values: Values, keys: list[Key] = keys, n: int = missing_at_most) -> int:
                return max(0, n - sum(values[k] for k in keys))

            rm.derived.append((var, recipe))
            cost_vars.append(var)
            cost_coefs.append(weight * risk)
            if level == 2:
                total_vars.append(var)
                total_recipes.append(recipe)
    rm.shortfall = cp_model.LinearExpr.weighted_sum(cost_vars, cost_coefs) + constant
    seats_var = rm.model.new_int_var(0, max(rm.seats, 0), "short_seats")
    rm.model.add(seats_var == sum(total_vars) + constant_seats)
    rm.derived.append(
        (seats_var, lambda values: sum(r(values) for r in total_recipes) + constant_seats)
    )
    rm.short_seats = seats_var


def conflict_cliques(book: RuleBook, role: str, sessions: list[Session]) -> list[list[str]]:
    """Cliques of mutually conflicting sessions (one date) covering every conflicting pair.

    Sessions that overlap in time form an interval graph: its maximal cliques (the sessions
    active just before each end) come from one sweep. Pairs that do not overlap but leave too
    little time to travel get a clique of two.
    """
    ordered = sorted(sessions, key=lambda s: (s.start, s.end, s.id))
    cliques: list[list[str]] = []
    # Sweep: starts at a time come after ends at that time (touching windows do not overlap).
    events = sorted(
        [(s.start, 1, i) for i, s in enumerate(ordered)]
        + [(s.end, 0, i) for i, s in enumerate(ordered)]
    )
    active: dict[int, None] = {}
    grown = False
    for _time, is_start, i in events:
        if is_start:
            active[i] = None
            grown = True
        else:
            if grown and len(active) > 1:
                cliques.append([ordered[k].id for k in active])
            grown = False
            del active[i]
    # No pair of these posts is farther apart than twice the farthest from the first one
    # (triangle inequality), so no travel takes longer than `longest`: a gap at least that
    # long ends the scan (the travel rule and `verify` then agree on every input).
    posts = {s.post for s in ordered}
    anchor = next(iter(posts), None)
    reach = max((book.post_distance_km(anchor, p) for p in posts), default=0.0) if anchor else 0.0
    longest = book.travel_minutes_for_km(role, 2 * reach * (1 + 1e-9) + 1e-9)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.start >= a.end:
                if b.start - a.end >= longest:
                    break
                if a.end + book.travel_minutes(role, a.post, b.post) > b.start:
                    cliques.append([a.id, b.id])
    return cliques


def add_no_overlap(rm: RosterModel) -> None:
    """No person in two sessions whose windows plus travel overlap: one at-most-one per
    clique of conflicting sessions. Staggered sessions that travel allows stay open to one
    person, so the model can chain them."""
    for pid, items in rm.vars_by_person().items():
        person = rm.instance.person_by_id[pid]
        per_day: dict[object, list[Session]] = defaultdict(list)
        for session, _var in items:
            per_day[session.date].append(session)
        for day_sessions in per_day.values():
            if len(day_sessions) < 2:
                continue
            for clique in conflict_cliques(rm.book, person.role, day_sessions):
                rm.model.add_at_most_one([rm.x[(sid, pid)] for sid in clique])


def add_limits(rm: RosterModel) -> None:
    """`max_per_day` and `max_per_week`, less what fixed pairs already use."""
    fixed_day: dict[tuple[str, object], int] = defaultdict(int)
    fixed_week: dict[str, int] = defaultdict(int)
    for pair in rm.part.fixed:
        session = rm.instance.session_by_id[pair.session]
        fixed_day[(pair.person, session.date)] += 1
        fixed_week[pair.person] += 1
    for pid, items in rm.vars_by_person().items():
        person = rm.instance.person_by_id[pid]
        if person.max_per_day is not None:
            per_day: dict[object, list[cp_model.IntVar]] = defaultdict(list)
            for session, var in items:
                per_day[session.date].append(var)
            for day, day_vars in per_day.items():
                cap = person.max_per_day - fixed_day[(pid, day)]
                if len(day_vars) > cap:
                    rm.model.add(sum(day_vars) <= max(0, cap))
        if person.max_per_week is not None:
            cap = person.max_per_week - fixed_week[pid]
            if len(items) > cap:
                rm.model.add(sum(var for _, var in items) <= max(0, cap))


# --------------------------------------------------------------------------- soft terms


def add_changes(rm: RosterModel) -> None:
    """`change` per `previous` pair not kept (a fixed pair is kept; a pair with no variable
    can no longer be kept)."""
    weight = rm.instance.rules.weights.change
    fixed = set(rm.part.fixed)
    kept_vars = []
    constant = 0
    for pair in rm.part.previous:
        if pair in fixed:
            continue
        var = rm.x.get((pair.session, pair.person))
        constant += weight
        if var is not None:
            kept_vars.append(var)
    rm.terms["change"] = constant - weight * sum(kept_vars) if kept_vars else constant


def add_cross_station(rm: RosterModel) -> None:
    """`cross_station` per duty of police or auxiliary at another station's school."""
    weight = rm.instance.rules.weights.cross_station
    items = []
    constant = 0
    for (sid, pid), var in rm.x.items():
        person = rm.instance.person_by_id[pid]
        if (
            person.role in OFFICER_ROLES
            and rm.book.station_of(rm.instance.session_by_id[sid]) != person.station
        ):
            items.append(var)
    for pair in rm.part.fixed:
        person = rm.instance.person_by_id[pair.person]
        session = rm.instance.session_by_id[pair.session]
        if person.role in OFFICER_ROLES and rm.book.station_of(session) != person.station:
            constant += weight
    rm.terms["cross_station"] = weight * sum(items) + constant if items else constant


def add_travel(rm: RosterModel) -> None:
    """`travel_km` per whole km from home to post, per duty."""
    weight = rm.instance.rules.weights.travel_km
    variables, coefs = [], []
    constant = 0
    for (sid, pid), var in rm.x.items():
        km = round_km(
            rm.book.home_distance_km(
                rm.instance.person_by_id[pid], rm.instance.session_by_id[sid].post
            )
        )
        if km:
            variables.append(var)
            coefs.append(weight * km)
    for pair in rm.part.fixed:
        post = rm.instance.session_by_id[pair.session].post
        constant += weight * round_km(
            rm.book.home_distance_km(rm.instance.person_by_id[pair.person], post)
        )
    rm.terms["travel"] = cp_model.LinearExpr.weighted_sum(variables, coefs) + constant


def add_preferences(rm: RosterModel) -> None:
    """`preference` per duty outside a person's non-empty preferred schools."""
    weight = rm.instance.rules.weights.preference
    items = []
    constant = 0
    for (sid, pid), var in rm.x.items():
        person = rm.instance.person_by_id[pid]
        if (
            person.preferred_schools
            and rm.book.school_of(rm.instance.session_by_id[sid]) not in person.preferred_schools
        ):
            items.append(var)
    for pair in rm.part.fixed:
        person = rm.instance.person_by_id[pair.person]
        session = rm.instance.session_by_id[pair.session]
        if person.preferred_schools and rm.book.school_of(session) not in person.preferred_schools:
            constant += weight
    rm.terms["preference"] = weight * sum(items) + constant if items else constant


def add_continuity(rm: RosterModel) -> None:
    """`continuity` per distinct person at a (post, kind) beyond its busiest day's seats."""
    weight = rm.instance.rules.weights.continuity
    base = continuity_baseline(rm.instance)
    fixed_people: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pair in rm.part.fixed:
        session = rm.instance.session_by_id[pair.session]
        fixed_people[(session.post, session.kind)].add(pair.person)
    groups: dict[tuple[str, str], dict[str, list[Key]]] = defaultdict(lambda: defaultdict(list))
    for sid, pid in rm.x:
        session = rm.instance.session_by_id[sid]
        groups[(session.post, session.kind)][pid].append((sid, pid))
    extras: list[cp_model.IntVar] = []
    constant = 0
    for group in set(groups) | set(fixed_people):
        fixed_here = fixed_people.get(group, set())
        free = {pid: keys for pid, keys in groups.get(group, {}).items() if pid not in fixed_here}
        if len(fixed_here) + len(free) <= base[group]:
            continue
        if not free:
            constant += weight * max(0, len(fixed_here) - base[group])
            continue
        used = []
        for pid, keys in free.items():
            if len(keys) == 1:
                used.append((rm.x[keys[0]], keys))
                continue
            y = rm.model.new_bool_var(f"y|{group[0]}|{group[1]}|{pid}")
            for key in keys:
                rm.model.add_implication(rm.x[key], y)
            rm.derived.append((y, _any_of(keys)))
            used.append((y, keys))
        extra = rm.model.new_int_var(0, len(fixed_here) + len(free), f"extra|{group[0]}|{group[1]}")
        rm.model.add(extra >= len(fixed_here) + sum(v for v, _ in used) - base[group])
        rm.derived.append(
            (extra, _extra_people([k for _, k in used], len(fixed_here), base[group]))
        )
        extras.append(extra)
    rm.terms["continuity"] = weight * sum(extras) + constant if extras else constant


def _any_of(keys: list[Key]) -> Callable[[Values], int]:
    return lambda values: max(values[k] for k in keys)


def _extra_people(groups: list[list[Key]], fixed: int, base: int) -> Callable[[Values], int]:
    return lambda values: max(0, fixed + sum(max(values[k] for k in ks) for ks in groups) - base)


LoadFn = Callable[[Values, Person], int]


class _GroupMean:
    """The rounded-down mean load of a group under an assignment, computed once per
    assignment (every member's excess recipe asks for it)."""

    def __init__(self, load: LoadFn, members: list[Person]) -> None:
        self.load = load
        self.members = members
        self.values: Values | None = None
        self.mean = 0

    def __call__(self, values: Values) -> int:
        if values is not self.values:
            self.mean = sum(self.load(values, p) for p in self.members) // len(self.members)
            self.values = values
        return self.mean


def _excess(load: LoadFn, person: Person, mean: _GroupMean) -> Callable[[Values], int]:
    return lambda values: max(0, load(values, person) - mean(values))


def add_fairness(rm: RosterModel) -> None:
    """`fairness` per session a person's load (history included) exceeds the rounded-down
    mean load of their group (role × station)."""
    weight = rm.instance.rules.weights.fairness
    fixed_load: dict[str, int] = defaultdict(int)
    for pair in rm.part.fixed:
        fixed_load[pair.person] += 1
    keys_of: dict[str, list[Key]] = defaultdict(list)
    for key in rm.x:
        keys_of[key[1]].append(key)
    groups: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for person in rm.part.people:
        groups[(person.role, person.station)].append(person)
    # Constant load (history + fixed duties) of every person; one dict for all groups so the
    # hint recipes below do not capture a loop variable.
    consts = {p.id: history_units(p) + fixed_load[p.id] for p in rm.part.people}

    def load_expr(p: Person) -> cp_model.LinearExpr | int:
        keys = keys_of.get(p.id, [])
        return consts[p.id] + sum(rm.x[k] for k in keys) if keys else consts[p.id]

    def load_value(values: Values, p: Person) -> int:
        return consts[p.id] + sum(values[k] for k in keys_of.get(p.id, ()))

    excess: list[cp_model.IntVar] = []
    constant = 0
    for (role, station), members in groups.items():
        n = len(members)
        if not any(keys_of.get(p.id) for p in members):
            loads = [consts[p.id] for p in members]
            mean = sum(loads) // n
            constant += weight * sum(max(0, x - mean) for x in loads)
            continue
        top = max(consts[p.id] + len(keys_of.get(p.id, ())) for p in members)
        mean_var = rm.model.new_int_var(0, top, f"mean|{role}|{station}")
        rm.model.add(n * mean_var <= sum(load_expr(p) for p in members))
        group_mean = _GroupMean(load_value, members)
        rm.derived.append((mean_var, group_mean))
        for p in members:
            e = rm.model.new_int_var(0, top, f"excess|{p.id}")
            rm.model.add(e >= load_expr(p) - mean_var)
            rm.derived.append((e, _excess(load_value, p, group_mean)))
            excess.append(e)
    rm.terms["fairness"] = weight * sum(excess) + constant if excess else constant


def add_floors(rm: RosterModel) -> None:
    """A repair never leaves empty a seat the previous roster filled with a pair that still
    keeps every rule: someone (that person or another) fills it again."""
    fixed = rm.fixed_by_session()
    for session in rm.part.sessions:
        floor = rm.part.floors.get(session.id)
        if floor is None:
            continue
        have = counts(p.role for p in fixed.get(session.id, ()))
        people = rm.part.candidates.get(session.id, [])
        for level, at_least, already in zip(LEVELS, floor, have, strict=True):
            if at_least > already:
                keys = [(session.id, p.id) for p in people if counts_toward(p.role, level)]
                rm.model.add(sum(rm.x[k] for k in keys) >= at_least - already)


def _any_key(keys: list[Key]) -> Callable[[Values], int]:
    return lambda values: max(values[k] for k in keys)


def add_response(rm: RosterModel) -> None:
    """`response` per (peak window, school of the part) beyond 3 and again beyond 5 minutes
    of every officer the roster places; sets `rm.terms["response"]` (see
    `solver.response_term`, which also moves officers into reach after the search)."""
    instance = rm.instance
    weight = instance.rules.weights.response
    stations = {rm.book.station_of(s) for s in rm.part.sessions}
    fixed_on = {
        pair.session
        for pair in rm.part.fixed
        if instance.person_by_id[pair.person].role in OFFICER_ROLES
    }
    officer_keys: dict[str, list[Key]] = defaultdict(list)
    for sid, pid in rm.x:
        if instance.person_by_id[pid].role in OFFICER_ROLES:
            officer_keys[sid].append((sid, pid))
    sessions = {s.id: s for s in rm.part.sessions}
    for pair in rm.part.fixed:
        sessions.setdefault(pair.session, instance.session_by_id[pair.session])
    # One "an officer stands here" boolean per session that may have one.
    on: dict[str, cp_model.IntVar] = {}

    def on_var(sid: str) -> cp_model.IntVar:
        var = on.get(sid)
        if var is None:
            keys = officer_keys[sid]
            var = rm.model.new_bool_var(f"on|{sid}")
            rm.model.add(var <= sum(rm.x[k] for k in keys))
            rm.derived.append((var, _any_key(keys)))
            on[sid] = var
        return var

    missed: list[cp_model.IntVar] = []
    constant = 0
    for reach in reach_table(instance, list(sessions.values()), stations):
        for tier, sids in zip(TERM_TIERS, reach.sessions, strict=True):
            if any(sid in fixed_on for sid in sids):
                continue
            free = [sid for sid in sids if officer_keys.get(sid)]
            if not free:
                constant += weight
                continue
            # Missed unless one of the sessions in reach has an officer.
            miss = rm.model.new_bool_var(f"miss|{reach.date}|{reach.window}|{reach.school}|{tier}")
            sources = [on_var(sid) for sid in free]
            rm.model.add(miss + sum(sources) >= 1)
            rm.derived.append((miss, _none_of([officer_keys[s] for s in free])))
            missed.append(miss)
    rm.terms["response"] = weight * sum(missed) + constant if missed else constant


def _none_of(key_groups: list[list[Key]]) -> Callable[[Values], int]:
    return lambda values: int(not any(values[k] for keys in key_groups for k in keys))


def build(instance: Instance, book: RuleBook, part: Part) -> RosterModel:
    """The hard rules and coverage of a part (phase 1); soft terms come with `add_soft`."""
    rm = RosterModel(instance, book, part)
    add_coverage(rm)
    add_no_overlap(rm)
    add_limits(rm)
    if part.floors:
        add_floors(rm)
    return rm


def add_soft(rm: RosterModel) -> cp_model.LinearExprT:
    """Add every soft term and return the phase-2 objective (coverage + soft terms)."""
    weights = rm.instance.rules.weights
    if rm.part.previous and "change" not in rm.terms:
        add_changes(rm)
    if rm.instance.rules.cross_station and weights.cross_station:
        add_cross_station(rm)
    if weights.continuity:
        add_continuity(rm)
    if weights.fairness:
        add_fairness(rm)
    if weights.travel_km:
        add_travel(rm)
    if weights.preference:
        add_preferences(rm)
    if rm.instance.rules.response_term and weights.response:
        add_response(rm)
    if rm.instance.rules.lone_officer.enabled and rm.instance.rules.lone_officer.weight:
        add_lone_officer(rm)
    total: cp_model.LinearExprT = rm.shortfall + sum(rm.terms.values())
    return total
