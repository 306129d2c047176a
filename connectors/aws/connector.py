"""`exitplan scan aws`: every account, region and service of the table, in parallel.

Work is split into units of (account, region, type). A bounded pool runs the units; a
second pool of the same size runs the per-item calls inside them, so a region with 5,000
queues does not read them one by one, and a unit never waits for a slot its own callers
hold. Whatever cannot be read becomes a Gap; a bug propagates."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from connectors.interface import Progress
from connectors.toolkit import Cancelled, drain
from exitplan.errors import InputError
from exitplan.i18n import _
from exitplan.model import Gap, Resource, Scope

from . import accounts
from .accounts import GLOBAL_REGION, Identity
from .augment import augment
from .calls import ClientHook, Clients, Context, attempt, config, using
from .engine import run_spec
from .records import GAPS
from .types import SPECS, Spec

DEFAULT_WORKERS = 16
DEFAULT_ROLE = "OrganizationAccountAccessRole"
_ACCOUNT_ID = re.compile(r"^\d{12}$")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")


@dataclass
class AwsOptions:
    profile: str | None = None
    regions: tuple[str, ...] = ()  # empty: every region enabled in each account
    org: bool = False
    role_name: str = DEFAULT_ROLE
    accounts: tuple[str, ...] = ()
    services: tuple[str, ...] = ()  # empty: all; else boto3 service names or spec names
    max_workers: int = DEFAULT_WORKERS
    max_attempts: int = 10  # per call, the first included; throttling is retried too
    retry_mode: Literal["adaptive", "standard"] = "adaptive"  # adaptive also slows down
    client_hook: ClientHook | None = None  # sees every client created: tests, benchmarks
    progress: Callable[[Progress], None] | None = None
    specs: tuple[Spec, ...] = field(default=SPECS)


def select(specs: Sequence[Spec], wanted: Sequence[str]) -> tuple[Spec, ...]:
    if not wanted:
        return tuple(specs)
    known = {s.service for s in specs} | {s.name for s in specs}
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise InputError(
            _("unknown service: {services}").format(services=", ".join(unknown)),
            _("choose from: {services}").format(
                services=", ".join(sorted({s.service for s in specs}))
            ),
        )
    return tuple(s for s in specs if s.service in wanted or s.name in wanted)


class AwsConnector:
    name = "aws"
    source = "aws-api"

    def __init__(self, options: AwsOptions | None = None) -> None:
        self.options = options or AwsOptions()
        self.specs = select(self.options.specs, self.options.services)
        for account in self.options.accounts:
            if not _ACCOUNT_ID.match(account):
                raise InputError(
                    _("--accounts: '{account}' is not a 12-digit AWS account id").format(
                        account=account
                    )
                )
        for region in self.options.regions:
            if not _REGION.match(region):
                raise InputError(
                    _("--regions: '{region}' is not an AWS region name").format(region=region)
                )
        if self.options.max_workers < 1:
            raise InputError(_("--max-workers must be at least 1"))
        if self.options.org and self.options.accounts:
            raise InputError(_("--org and --accounts exclude each other"), _("use one of them"))
        options = self.options
        self._config = config(options.max_workers, options.max_attempts, options.retry_mode)
        self._base: Clients | None = None
        self._identity: Identity | None = None
        self._regions: dict[str, bool] = {}
        self._home = GLOBAL_REGION["aws"]  # where account-wide calls go; the profile's region
        self._service_regions: dict[str, frozenset[str]] = {}
        self._cancelled = threading.Event()
        self._foreign_regions: frozenset[str] = frozenset()

    # -- before the scan: problems here are the user's to fix, and stop everything

    def discover(self) -> list[Scope]:
        """Who the credentials are, and the accounts to read (an Organization's active
        members with --org). Raises InputError when there is nothing to scan with."""
        session = accounts.base_session(self.options.profile)
        self._home = session.region_name or "us-east-1"
        self._base = Clients(session, self._config, self.options.client_hook, self._cancelled)
        self._identity = accounts.whoami(self._base, self._home)
        partition = self._identity.partition
        self._foreign_regions = frozenset(
            region
            for other in session.get_available_partitions()
            if other != partition
            for region in session.get_available_regions("ec2", partition_name=other)
        )
        self._service_regions = {
            service: frozenset(session.get_available_regions(service, partition_name=partition))
            for service in sorted({"ec2", *(spec.service for spec in self.specs)})
        }
        base = self._base
        # Unreadable here is not fatal: each account asks again and records a gap.
        self._regions = attempt(lambda: accounts.regions(base, self._home))[0] or {}
        unknown = [r for r in self.options.regions if self._regions and r not in self._regions]
        if unknown:
            raise InputError(
                _("--regions: unknown region {regions}").format(regions=", ".join(unknown)),
                _("known: {regions}").format(regions=", ".join(sorted(self._regions))),
            )
        scopes: list[Scope] = []
        if self.options.org:
            scopes.append(Scope(provider="aws", kind="organization", id="organization"))
            members = accounts.organization_accounts(self._base, self._home)
            scopes += [
                Scope(provider="aws", kind="account", id=a, name=n or None) for a, n in members
            ]
        elif self.options.accounts:
            ids = sorted(set(self.options.accounts))
            scopes += [Scope(provider="aws", kind="account", id=a) for a in ids]
        else:
            scopes.append(Scope(provider="aws", kind="account", id=self._identity.account))
        return scopes

    @property
    def _global_region(self) -> str:
        partition = self._identity.partition if self._identity else "aws"
        return GLOBAL_REGION.get(partition, "us-east-1")

    # -- the scan: from here on, what cannot be read is a Gap

    def collect(self, scopes: Sequence[Scope]) -> Iterator[Resource | Gap]:
        if self._base is None:
            self.discover()
        cancelled = self._cancelled
        targets = [s.id for s in scopes if s.kind == "account"]
        workers = self.options.max_workers
        with (
            ThreadPoolExecutor(workers, thread_name_prefix="exitplan-aws") as units,
            ThreadPoolExecutor(workers, thread_name_prefix="exitplan-aws-item") as items,
        ):
            try:
                prepared = [units.submit(self._prepare, a, cancelled, items) for a in targets]
                work: list[Callable[[], list[Resource | Gap]]] = []
                for future in prepared:
                    contexts, gaps = future.result()
                    yield from gaps
                    for context in contexts:
                        for spec in self._applies(context):
                            if self._offered(spec.service, context.region):
                                work.append(self._unit(spec, context))
                            else:
                                yield _not_offered(spec, context)
                yield from self._run(units, work)
            except BaseException:
                # Ctrl-C or a bug: stop the workers at their next call, start nothing new.
                cancelled.set()
                units.shutdown(wait=False, cancel_futures=True)
                items.shutdown(wait=False, cancel_futures=True)
                raise

    def _run(
        self, pool: ThreadPoolExecutor, work: list[Callable[[], list[Resource | Gap]]]
    ) -> Iterator[Resource | Gap]:
        yield from drain({pool.submit(unit) for unit in work}, self.options.progress)

    def _offered(self, service: str, region: str) -> bool:
        """False where botocore's endpoint data knows the region and lists the service's
        regions without it: asking would only fail on DNS, slowly, after every retry. A
        region botocore does not know yet is asked anyway; its rules may still resolve."""
        listed = self._service_regions.get(service)
        known = self._service_regions.get("ec2", frozenset())
        return region == "global" or not listed or region not in known or region in listed

    def _applies(self, context: Context) -> tuple[Spec, ...]:
        wanted = "global" if context.region == "global" else "regional"
        return tuple(s for s in self.specs if s.scope == wanted)

    def _unit(self, spec: Spec, context: Context) -> Callable[[], list[Resource | Gap]]:
        def run() -> list[Resource | Gap]:
            try:
                return augment(spec.augment, run_spec(spec, context), context)
            except Cancelled:
                return []

        return run

    def _prepare(
        self, account: str, cancelled: threading.Event, items: ThreadPoolExecutor
    ) -> tuple[list[Context], list[Gap]]:
        """The contexts (account x region) to scan in one account, or the gaps why not."""
        assert self._base is not None and self._identity is not None
        identity = self._identity
        base = clients = self._base
        if account != identity.account:
            role = f"arn:{identity.partition}:iam::{account}:role/{self.options.role_name}"
            assumed, error = attempt(
                lambda: accounts.assume(
                    base, self._home, role, self._config, self.options.client_hook
                )
            )
            if assumed is None:
                assert error is not None
                message = _(
                    "cannot assume {role}: {message}; nothing in this account was read"
                ).format(role=role, message=error[1])
                return [], [GAPS.gap(account, "*", error[0], message)]
            clients = assumed
        gaps: list[Gap] = []
        enabled = self._regions
        if account != identity.account or not enabled:
            asked = dict.fromkeys((self._home, self._global_region))
            found, error = attempt(lambda: accounts.regions(clients, *asked))
            enabled = found or {}
            if error is not None and not self.options.regions:
                message = _(
                    "DescribeRegions: {message}; regional services were not read, "
                    "only global ones (name regions with --regions)"
                ).format(message=error[1])
                gaps.append(GAPS.gap(account, "ec2", error[0], message))
        if self.options.regions:
            wanted = list(self.options.regions)
        else:
            # Only this partition's regions (moto, for one, lists China's in every account).
            wanted = sorted(r for r, on in enabled.items() if on and r not in self._foreign_regions)
        regions: list[str] = []
        not_enabled = _("region not enabled in this account (opt-in region); not read")
        for region in wanted:
            if enabled and not enabled.get(region, False):
                gaps.append(GAPS.gap(account, "*", "OptInRequired", not_enabled, region=region))
            else:
                regions.append(region)

        def context(region: str, api_region: str) -> Context:
            return using(
                items,
                Context(
                    account=account,
                    region=region,
                    partition=identity.partition,
                    client=clients,
                    api_region=api_region,
                    cancelled=cancelled,
                ),
            )

        contexts = [context("global", self._global_region)]
        contexts += [context(region, region) for region in regions]
        return contexts, gaps


def _not_offered(spec: Spec, context: Context) -> Gap:
    message = _(
        "botocore's endpoint data lists no {service} endpoint in {region}; "
        "not read: {type} (a newer botocore may know it)"
    ).format(service=spec.service, region=context.region, type=spec.type)
    return GAPS.gap(
        context.account, spec.service, "ServiceNotInRegion", message, region=context.region
    )
