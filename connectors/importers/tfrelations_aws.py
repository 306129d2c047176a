"""Relations between the AWS resources of a Terraform state, as its attributes state them:
an instance's `subnet_id`, a replica's `replicate_source_db`, and the parts that exist
only to join two resources (`aws_volume_attachment`: its volume is attached to its
instance).

A target is named by its id as its own record gets it: an ARN the state gives is kept; a
short id (`subnet-0abc`, a DB identifier) is the resource of that type in the same state
that has it, else the ARN its type's template builds with the stating resource's account,
region and partition, as a resource of that type without an ARN in its state would be
named. A short id of another kind (an IP address registered with a target group of type
`ip`) is left out, never guessed at."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from connectors.paths import search
from exitplan.model import RelationKind, Resource

from .terraform import Instance
from .tfspec import filled
from .tftypes import TF_TYPES

_FIELD = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Link:
    """A relation that one instance's attributes state. The resource that holds it is the
    instance's own (`holder` None) or the one the `holder` path names, of Terraform type
    `holder_type`; the target is the one the `target` path names (a value or a list),
    built as Terraform type `target_type` builds its id where it is a short id, and where
    the holder's `kind` is `holder_kind` if one is named."""

    kind: RelationKind
    target: str
    target_type: str
    holder: str | None = None
    holder_type: str | None = None
    holder_kind: str | None = None


def _own(kind: RelationKind, target: str, target_type: str) -> Link:
    return Link(kind, target, target_type)


_SUBNET_OF = _own("member_of", "subnet_id", "aws_subnet")
_IN_VPC = _own("member_of", "vpc_id", "aws_vpc")
_IN_CLUSTER = _own("member_of", "cluster_identifier", "aws_rds_cluster")

_FORWARDS = tuple(
    Link("uses", path, "aws_lb_target_group", "load_balancer_arn", "aws_lb")
    for path in (
        "default_action[].target_group_arn",
        "default_action[].forward[].target_group[].arn[]",
    )
)

LINKS: dict[str, tuple[Link, ...]] = {
    "aws_instance": (_SUBNET_OF,),
    "aws_subnet": (_IN_VPC,),
    "aws_default_subnet": (_IN_VPC,),
    "aws_security_group": (_IN_VPC,),
    "aws_default_security_group": (_IN_VPC,),
    "aws_network_interface": (
        _SUBNET_OF,
        _own("attached_to", "attachment[].instance", "aws_instance"),
    ),
    "aws_nat_gateway": (_own("uses", "subnet_id", "aws_subnet"),),
    "aws_eip": (
        _own("attached_to", "instance", "aws_instance"),
        _own("attached_to", "network_interface", "aws_network_interface"),
    ),
    "aws_elb": (_own("uses", "instances", "aws_instance"),),
    # A listener forwards its balancer's traffic to target groups; a target group records
    # the balancers that route to it: each of them uses it.
    "aws_lb_listener": _FORWARDS,
    "aws_alb_listener": _FORWARDS,
    "aws_lb_target_group": (
        Link("uses", "arn", "aws_lb_target_group", "load_balancer_arns", "aws_lb"),
    ),
    "aws_alb_target_group": (
        Link("uses", "arn", "aws_lb_target_group", "load_balancer_arns", "aws_lb"),
    ),
    # A DB identifier in the region, an ARN across regions.
    "aws_db_instance": (_own("replica_of", "replicate_source_db", "aws_db_instance"),),
    "aws_rds_cluster": (_own("replica_of", "replication_source_identifier", "aws_rds_cluster"),),
    "aws_rds_cluster_instance": (_IN_CLUSTER,),
    "aws_docdb_cluster_instance": (_IN_CLUSTER,),
    "aws_neptune_cluster_instance": (_IN_CLUSTER,),
    "aws_eks_node_group": (_own("member_of", "cluster_name", "aws_eks_cluster"),),
    "aws_elasticache_cluster": (
        _own("member_of", "replication_group_id", "aws_elasticache_replication_group"),
    ),
    "aws_ecs_service": (_own("member_of", "cluster", "aws_ecs_cluster"),),
    "aws_lambda_function": (
        _own("member_of", "vpc_config[0].subnet_ids", "aws_subnet"),
        _own("member_of", "vpc_config[0].vpc_id", "aws_vpc"),
    ),
    # Parts: they join two resources and are not imported themselves.
    "aws_volume_attachment": (
        Link("attached_to", "instance_id", "aws_instance", "volume_id", "aws_ebs_volume"),
    ),
    "aws_network_interface_attachment": (
        Link(
            "attached_to",
            "instance_id",
            "aws_instance",
            "network_interface_id",
            "aws_network_interface",
        ),
    ),
    "aws_eip_association": (
        Link("attached_to", "instance_id", "aws_instance", "allocation_id", "aws_eip"),
        Link(
            "attached_to",
            "network_interface_id",
            "aws_network_interface",
            "allocation_id",
            "aws_eip",
        ),
    ),
    # Its target is an instance id, an IP address, or a function's or balancer's ARN, as the
    # group's target type says.
    "aws_lb_target_group_attachment": (
        Link(
            "uses",
            "target_id",
            "aws_instance",
            "target_group_arn",
            "aws_lb_target_group",
            holder_kind="instance",
        ),
    ),
}


@functools.cache
def _key(tf_type: str) -> str | None:
    """The field of a Terraform type's id template that a short id of it fills."""
    spec = TF_TYPES.get(tf_type)
    found = _FIELD.findall(spec.id) if spec is not None and spec.id else []
    return found[0] if len(found) == 1 else None


# The native types whose resources a link names by a short id: only these are indexed.
_NAMED = {
    TF_TYPES[t].native
    for links in LINKS.values()
    for link in links
    for t in (link.target_type, link.holder_type)
    if t is not None
}


@dataclass
class Relating:
    """What the conversion of a state saw that relations are read from: the instances that
    state one, and the short ids of the resources a link may name."""

    stating: list[tuple[Instance, int | None]] = field(default_factory=list)
    # By native type and short id: a DB identifier is unique in its account and region only.
    named: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def saw(self, instance: Instance, native: str | None, position: int | None) -> None:
        """An instance converted into resources[position], or one not imported (None):
        only AWS types state or are named by a link."""
        if instance.type in LINKS:
            self.stating.append((instance, position))
        if position is None or native not in _NAMED:
            return
        key = _key(instance.type)
        value = instance.attributes.get(key) if key else None
        if isinstance(value, str) and value:
            self.named.setdefault((native, value), []).append(position)

    def related(self, resources: list[Resource]) -> None:
        """Give each resource the relations the state states of it, in place."""
        if not self.stating:
            return
        by_arn: dict[str, int] = {}  # filled when a link first names its holder
        found: dict[int, dict[RelationKind, list[str]]] = {}
        for instance, position in self.stating:
            for link in LINKS[instance.type]:
                values = _values(instance, link.target)
                if not values:
                    continue
                if link.holder is not None:
                    holders = self._holders(instance, link, resources, by_arn)
                else:
                    holders = [] if position is None else [position]
                for holder in holders:
                    held = resources[holder]
                    targets = [self._target(link, value, resources, held) for value in values]
                    named = [target for target in targets if target is not None]
                    if named:
                        found.setdefault(holder, {}).setdefault(link.kind, []).extend(named)
        for holder, relations in found.items():
            # Sorted and once each, as the model orders what it validates.
            ordered = {
                kind: ids if len(ids) == 1 else sorted(set(ids))
                for kind, ids in sorted(relations.items())
            }
            resources[holder] = resources[holder].model_copy(update={"relations": ordered})

    def _holders(
        self, instance: Instance, link: Link, resources: list[Resource], by_arn: dict[str, int]
    ) -> list[int]:
        """The resources of the state that the link's `holder` path names: they hold its
        relation (where none is there, nothing holds it)."""
        assert link.holder is not None and link.holder_type is not None
        if not by_arn:
            by_arn.update((r.id, n) for n, r in enumerate(resources) if r.provider == "aws")
        native = TF_TYPES[link.holder_type].native
        found = (
            by_arn.get(v) if v.startswith("arn:") else self._one((native, v), resources, None)
            for v in _values(instance, link.holder)
        )
        return [h for h in found if h is not None]

    def _target(
        self, link: Link, value: str, resources: list[Resource], holder: Resource
    ) -> str | None:
        if value.startswith("arn:"):
            return value
        if link.holder_kind is not None and holder.attributes.get("kind") != link.holder_kind:
            return None
        key = (TF_TYPES[link.target_type].native, value)
        if key not in self.named:
            return _built(link.target_type, value, holder)
        position = self._one(key, resources, holder)
        return None if position is None else resources[position].id

    def _one(
        self, key: tuple[str, str], resources: list[Resource], holder: Resource | None
    ) -> int | None:
        """The one resource a short id names: the only one of the state that has it, else
        the only one in the holder's account and region; None where that does not decide."""
        named = self.named.get(key)
        if not named or len(named) == 1:
            return named[0] if named else None
        place = None if holder is None else (holder.account, holder.region)
        here = [n for n in named if (resources[n].account, resources[n].region) == place]
        return here[0] if len(here) == 1 else None


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _values(instance: Instance, path: str) -> list[str]:
    """The ids a path names on an instance, less any that would show a value the state
    marks sensitive."""
    attrs = instance.attributes
    found = attrs.get(path) if _plain(path) else search(path, attrs)
    hidden = instance.hidden
    if isinstance(found, str):  # most links name one id
        return [found] if found and not (hidden and _shows(found, hidden)) else []
    if not isinstance(found, list):
        return []
    return [v for v in found if isinstance(v, str) and v and not (hidden and _shows(v, hidden))]


def _shows(value: str, hidden: frozenset[str]) -> bool:
    return any(secret in value for secret in hidden)


@functools.cache
def _plain(path: str) -> bool:
    """A path that names one attribute: read directly, as most links' are, per instance."""
    return _PLAIN.fullmatch(path) is not None


def _built(tf_type: str, value: str, holder: Resource) -> str | None:
    """The ARN the type's template builds of a short id, in the holder's account, region and
    partition; None where the type has no template of one field, or the holder's ARN does
    not name them."""
    parts = holder.id.split(":", 5)
    if len(parts) < 6:
        return None
    around = _around(tf_type, parts[1], parts[3], parts[4])
    return None if around is None else around[0] + value + around[1]


@functools.cache
def _around(tf_type: str, partition: str, region: str, account: str) -> tuple[str, str] | None:
    """What the type's template puts before and after its one field in this account,
    region and partition: filled once, as a state holds few of them."""
    key, spec = _key(tf_type), TF_TYPES[tf_type]
    if key is None or spec.id is None:
        return None
    context = {"partition": partition, "region": region, "account": account}
    before, after = spec.id.split("{" + key + "}", 1)
    head, tail = filled(before, {}, context), filled(after, {}, context)
    return None if head is None or tail is None else (head, tail)
