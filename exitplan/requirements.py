"""The requirements an exit plan answers, as data (`data/requirements.yaml`), and the one
engine that decides for each whether it applies to this organisation, where the plan
answers it, or what the plan lacks to answer it. Pure: the metadata in, a trace out."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import i18n, markdown
from .errors import CatalogueError, InputError
from .i18n import N_, _
from .orgfacts import GROUPS, ORGANISATION_LABELS, PUBLIC

if TYPE_CHECKING:
    from .planning import PlanMeta

REQUIREMENTS_PATH = Path(__file__).resolve().parent / "data" / "requirements.yaml"

FRAMEWORKS = ("dora", "nl-public", "data-act")
Framework = Literal["dora", "nl-public", "data-act"]
ALWAYS = "data-act"  # binds every customer of a cloud service
FRAMEWORK_NAMES = {
    "dora": N_("DORA and the financial sector's rules on ICT third parties"),
    "nl-public": N_("Dutch public sector"),
    "data-act": N_("EU Data Act: switching between data processing services"),
}

# The plan's sections a requirement can be answered in, by a key that stays when sections
# are renumbered. Each title is the heading as the plan writes it (the tests check that
# it is there), so that the link to it is the heading's own anchor.
SECTIONS = {
    "document-control": N_("1. Document control"),
    "scope": N_("2. Scope and criticality"),
    "triggers": N_("3. Exit triggers"),
    "related": N_("Plans and decisions the exit relies on"),
    "objectives": N_("4. Objectives and success criteria"),
    "estate": N_("5. What runs where"),
    "target": N_("6. Target platform and alternatives chosen"),
    "unmapped": N_("7. Unmapped resources"),
    "transition": N_("9. Transition plan"),
    "forced-exit": N_("Forced exit"),
    "calendar": N_("Calendar"),
    "data-migration": N_("Data migration"),
    "effort": N_("10. Effort, cost, people and timeline"),
    "risks": N_("11. Risks and mitigations"),
    "lock-in": N_("Lock-in"),
    "roles": N_("12. Roles and owners"),
    "contract-terms": N_("13. Contract and Data Act terms"),
    "contract-periods": N_("Contract periods"),
    "arrangements": N_("Exit plan per contract"),
    "testing": N_("14. Testing the plan"),
    "review": N_("15. Review and approval"),
}

Condition = Literal["critical-function", "personal-data", "public-records", "contracting-authority"]
Need = Literal[
    "contracts",
    "exit_clause",
    "exit_triggers",
    "business_continuity_plan",
    "dpia",
    "procurement",
    "tests",
    "approved_by",
    "plan_owner",
]
# What the plan lacks when the metadata does not record a need.
MISSING = {
    "contracts": N_("no contract is recorded (contracts)"),
    "exit_clause": N_("no exit clause is named for: {contracts} (contracts: exit_clause)"),
    "exit_triggers": N_("no trigger indicators are recorded (exit_triggers)"),
    "business_continuity_plan": N_(
        "no business continuity plan is named (business_continuity_plan)"
    ),
    "dpia": N_("no DPIA is named (dpia)"),
    "procurement": N_("no procurement route for the target is recorded (procurement)"),
    "tests": N_("no test of the plan is recorded (tests)"),
    "approved_by": N_("no approval is recorded (approved_by)"),
    "plan_owner": N_("no plan owner is recorded (plan_owner)"),
}


def _section(key: str) -> str:
    if key not in SECTIONS:
        raise ValueError(
            _("unknown section key {key}; known: {keys}").format(key=key, keys=", ".join(SECTIONS))
        )
    return key


def _organisation(name: str) -> str:
    if name not in ORGANISATION_LABELS:
        raise ValueError(
            _("unknown organisation type or group {name}; known: {names}").format(
                name=name, names=", ".join(ORGANISATION_LABELS)
            )
        )
    return name


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localised(_Strict):
    en: Annotated[str, Field(min_length=1)]
    nl: Annotated[str, Field(min_length=1)]

    def __str__(self) -> str:
        return self.nl if i18n.language() == "nl" else self.en


class Instrument(_Strict):
    name: Localised
    short: Annotated[str, Field(min_length=1)]  # as a citation opens: "DORA Art. 28(8)"
    source: Annotated[str, Field(pattern=r"^https?://\S+$")]


class AppliesTo(_Strict):
    organisations: list[Annotated[str, AfterValidator(_organisation)]] = Field(
        [], description="organisation types or groups; none: any"
    )
    conditions: list[Condition] = Field([], description="each must hold")


class Requirement(_Strict):
    id: Annotated[str, Field(min_length=1)]
    framework: Framework
    instrument: str
    locator: Annotated[str, Field(min_length=1)]
    cite: str | None = None  # the coarser locator a sentence cites; default the locator
    confidence: Literal["V", "S", "U"]
    read_on: dt.date
    source: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    applies_to: AppliesTo = AppliesTo()
    answered_by: list[Annotated[str, AfterValidator(_section)]] = Field(min_length=1)
    needs: list[Need] = []
    en: Annotated[str, Field(min_length=1)]
    nl: Annotated[str, Field(min_length=1)]

    @property
    def text(self) -> str:
        """Our paraphrase, in the plan's language."""
        return self.nl if i18n.language() == "nl" else self.en

    @property
    def verify(self) -> bool:
        """Read from a secondary source or not seen: to be checked before relying on it."""
        return self.confidence != "V"


class Requirements(_Strict):
    instruments: dict[str, Instrument]
    requirements: list[Requirement]

    @model_validator(mode="after")
    def _consistent(self) -> Requirements:
        seen: set[str] = set()
        for row in self.requirements:
            if row.id in seen:
                raise ValueError(_("requirement {id}: the id is used twice").format(id=row.id))
            seen.add(row.id)
            if row.instrument not in self.instruments:
                raise ValueError(
                    _("requirement {id}: unknown instrument {name}; known: {names}").format(
                        id=row.id, name=row.instrument, names=", ".join(self.instruments)
                    )
                )
        return self

    def source(self, row: Requirement) -> str:
        return row.source or self.instruments[row.instrument].source


def parse_requirements(data: Any, where: str) -> Requirements:
    from .yamlfile import describe_validation

    try:
        return Requirements.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(
            f"{where}: {describe_validation(exc, data)}",
            _("the shipped requirements are damaged: reinstall exitplan"),
        ) from None


@functools.cache
def load_requirements(path: Path = REQUIREMENTS_PATH) -> Requirements:
    """Read and checked once per process: every plan uses the same rows."""
    from .yamlfile import load_yaml

    hint = _("the shipped requirements are damaged: reinstall exitplan")
    return parse_requirements(load_yaml(path, CatalogueError, hint), str(path))


def check_frameworks(names: Iterable[str]) -> tuple[str, ...]:
    """The names given with --framework, each one we know."""
    named = tuple(names)
    for name in named:
        if name not in FRAMEWORKS:
            raise InputError(
                _("--framework {name}: no such framework").format(name=name),
                _("choose from: {names}").format(names=", ".join(FRAMEWORKS)),
            )
    return named


def select_frameworks(given: Iterable[str], organisation_type: str | None) -> tuple[str, ...]:
    """The frameworks named with --framework, or those of the organisation type; the Data
    Act always."""
    named = check_frameworks(given)
    chosen = set(named) if named else set(_by_type(organisation_type))
    chosen.add(ALWAYS)
    return tuple(f for f in FRAMEWORKS if f in chosen)


def _by_type(organisation_type: str | None) -> tuple[str, ...]:
    if organisation_type in PUBLIC:
        return ("nl-public",)
    if organisation_type in GROUPS["financial"]:
        return ("dora",)
    return ()


Status = Literal["answered", "not-applicable", "not-answered"]


@dataclass(frozen=True)
class Traced:
    """One requirement as this plan meets it."""

    requirement: Requirement
    source: str
    instrument: Instrument
    status: Status
    sections: tuple[str, ...]  # where the plan answers it (or would, were it not missing)
    reason: str  # why it does not apply, or what is missing; else an assumption made, or ""

    @property
    def applies(self) -> bool:
        return self.status != "not-applicable"

    @property
    def answered(self) -> bool:
        return self.status == "answered"

    @property
    def citation(self) -> str:
        return f"{self.instrument.short} {self.requirement.locator}"


@dataclass(frozen=True)
class Trace:
    frameworks: tuple[str, ...]
    why: str  # why these frameworks
    rows: tuple[Traced, ...]

    def of(self, framework: str) -> tuple[Traced, ...]:
        return tuple(t for t in self.rows if t.requirement.framework == framework)

    def instruments(self, framework: str) -> str:
        """The full names of the framework's instruments, as its rows cite them first."""
        names = dict.fromkeys(str(t.instrument.name) for t in self.of(framework))
        return "; ".join(names)

    @functools.cached_property
    def cited(self) -> dict[str, str]:
        """Per section key, the applicable requirements it answers as its prose cites
        them: "DORA Art. 28(7), Art. 28(8); RTS 2024/1773 Art. 10". None: no key."""
        return {
            key: _citations(t for t in self.rows if key in t.requirement.answered_by)
            for key in SECTIONS
        }

    @functools.cached_property
    def asking(self) -> dict[str, str]:
        """Per need (a metadata field), the applicable requirements that ask for it."""
        return {
            need: _citations(t for t in self.rows if need in t.requirement.needs)
            for need in get_args(Need)
        }

    @property
    def names(self) -> str:
        return ", ".join(framework_name(f) for f in self.frameworks)

    @property
    def not_answered(self) -> tuple[Traced, ...]:
        return tuple(t for t in self.rows if t.status == "not-answered")


def _citations(rows: Iterable[Traced]) -> str:
    by_instrument: dict[str, list[str]] = {}
    for t in rows:
        if t.applies:
            cited = by_instrument.setdefault(t.instrument.short, [])
            cite = t.requirement.cite or t.requirement.locator
            if cite not in cited:
                cited.append(cite)
    return "; ".join(f"{short} {', '.join(cites)}" for short, cites in by_instrument.items())


def framework_name(framework: str) -> str:
    return _(FRAMEWORK_NAMES[framework])


def section_link(key: str) -> Markup:
    """A link to the section of the key, as the plan writes it."""
    title = _(SECTIONS[key])
    return Markup(f"[{markdown.escape(title)}](#{markdown.slug(title)})")


def trace(
    meta: PlanMeta,
    frameworks: Sequence[str],
    explicit: bool,
    requirements: Requirements | None = None,
) -> Trace:
    """Every requirement of the `frameworks` against the metadata. `explicit`: the
    frameworks were named with --framework rather than taken from the organisation type."""
    held = requirements or load_requirements()
    rows = []
    for row in held.requirements:
        if row.framework not in frameworks:
            continue
        status, reason = _judge(row, meta)
        rows.append(
            Traced(
                row,
                held.source(row),
                held.instruments[row.instrument],
                status,
                tuple(row.answered_by),
                reason,
            )
        )
    return Trace(tuple(frameworks), _why(meta, explicit), tuple(rows))


def _why(meta: PlanMeta, explicit: bool) -> str:
    if explicit:
        return _("chosen with --framework; the Data Act binds every customer of a cloud service")
    kind = meta.organisation_type
    if kind is None:
        return _(
            "no organisation type is recorded, so only the Data Act, which binds every "
            "customer of a cloud service: record organisation_type in the plan metadata, "
            "or name frameworks with --framework"
        )
    return _(
        "from the organisation type, {kind}; the Data Act binds every customer of a cloud service"
    ).format(kind=_(ORGANISATION_LABELS[kind]))


def _judge(row: Requirement, meta: PlanMeta) -> tuple[Status, str]:
    notes = []
    wanted = row.applies_to.organisations
    kind = meta.organisation_type
    if wanted:
        if kind is None:
            notes.append(_("assumed to apply: no organisation type is recorded"))
        elif not any(kind == w or kind in GROUPS.get(w, ()) for w in wanted):
            return "not-applicable", _("applies to {who}; the organisation is {kind}").format(
                who=", ".join(_(ORGANISATION_LABELS[w]) for w in wanted),
                kind=_(ORGANISATION_LABELS[kind]),
            )
    for condition in row.applies_to.conditions:
        holds, because = _condition(condition, meta)
        if holds is False:
            return "not-applicable", because
        if holds is None:
            notes.append(because)
    missing = [_missing(need, meta) for need in row.needs]
    gaps = [m for m in missing if m]
    if gaps:
        return "not-answered", "; ".join(gaps)
    return "answered", "; ".join(notes)


def _condition(condition: Condition, meta: PlanMeta) -> tuple[bool | None, str]:
    """Whether it holds (None: not recorded, assumed to), and the words for the plan."""
    if condition == "critical-function":
        if meta.critical_functions:
            return True, ""
        return None, _("assumed to apply: no critical or important function is recorded")
    if condition == "personal-data":
        fact = meta.personal_data
        no, unknown = (
            _("the metadata records no personal data (personal_data: false)"),
            _("assumed to apply: personal_data is not recorded"),
        )
    elif condition == "public-records":
        fact = meta.public_records
        no, unknown = (
            _("the metadata records no public records (public_records: false)"),
            _("assumed to apply: public_records is not recorded"),
        )
    else:
        fact = meta.contracting_authority
        if fact is None and meta.organisation_type in PUBLIC:
            return True, ""  # every Dutch public body tenders as a contracting authority
        no, unknown = (
            _("the organisation is no contracting authority (contracting_authority: false)"),
            _("assumed to apply: contracting_authority is not recorded"),
        )
    if fact is None:
        return None, unknown
    return fact, "" if fact else no


def _missing(need: Need, meta: PlanMeta) -> str:
    if need == "contracts":
        present: object = meta.contracts
    elif need == "exit_clause":
        if not meta.contracts:
            return ""  # said once, by the contracts need
        without = [str(c) for c in meta.contracts if c.exit_clause is None]
        return _(MISSING[need]).format(contracts="; ".join(without)) if without else ""
    elif need == "tests":
        present = meta.tests or meta.last_tested  # the older form of one test
    else:
        present = getattr(meta, need)
    return "" if present else _(MISSING[need])
