"""The AWS service table checked against botocore's models of the real APIs: a misspelt
operation, parameter or result key would otherwise only show against a live account."""

from __future__ import annotations

import re
from typing import Any

import botocore.session
import pytest
from botocore import xform_name

from connectors.aws.connector import select
from connectors.aws.permissions import walk
from connectors.aws.types import SPECS, Batch, Detail, Spec, placeholders
from connectors.paths import compiled
from exitplan.errors import InputError

ALL = list(walk(SPECS))
_SESSION = botocore.session.get_session()


def _operation(service: str, operation: str) -> Any:
    model = _SESSION.get_service_model(service)
    names = {xform_name(name): name for name in model.operation_names}
    assert operation in names, f"{service} has no operation {operation}"
    return model.operation_model(names[operation])


def _root_key(path: str) -> str:
    return re.split(r"[.\[|]", path, maxsplit=1)[0]


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s.name)
def test_each_spec_matches_the_real_api(spec: Spec) -> None:
    model = _operation(spec.service, spec.operation)
    assert model.output_shape is not None
    assert _root_key(spec.items) in model.output_shape.members, spec.items
    inputs = model.input_shape.members if model.input_shape else {}
    for name in [*spec.params, *spec.args]:
        assert name in inputs, f"{spec.operation} takes no {name}"
    for step in spec.details:
        called = _operation(spec.service, step.operation)
        taken = called.input_shape.members if called.input_shape else {}
        given = [*step.params, *step.args]
        given += [step.param] if isinstance(step, Batch) and step.param else []
        given += ["Filters"] if isinstance(step, Batch) and step.filter else []
        for name in given:
            assert name in taken, f"{step.operation} takes no {name}"
        if isinstance(step, Batch):
            assert _root_key(step.records) in called.output_shape.members, step.records
        elif step.result != "@":
            assert _root_key(step.result) in called.output_shape.members, step.result


@pytest.mark.parametrize("spec", ALL, ids=lambda s: s.name)
def test_every_path_of_a_spec_compiles(spec: Spec) -> None:
    paths = [spec.items, spec.name_path, *placeholders(spec.id), *spec.args.values()]
    paths += [p for p in (spec.tags, spec.keep, spec.region_path) if p]
    paths += [attr.path for attr in spec.attributes.values()]
    paths += [link.path for link in spec.relations]
    for step in spec.details:
        paths += list(step.args.values())
        if isinstance(step, Detail):
            paths += [p for p in (step.result, step.keep, step.unless, step.region) if p]
        else:
            paths += [step.key, step.records, step.match]
    for path in paths:
        compiled(path)
    # A relation's short id fills the one field of its target's id template.
    assert all(len(placeholders(link.to)) == 1 for link in spec.relations if link.to)


def test_names_and_types_are_unique_and_at_least_forty() -> None:
    assert len({s.name for s in ALL}) == len(ALL)
    assert len({s.type for s in ALL}) == len(ALL) >= 40
    for spec in ALL:
        assert spec.name.split(".")[0] == spec.service


def test_services_narrow_by_service_or_spec_name() -> None:
    assert {s.service for s in select(SPECS, ["ec2"])} == {"ec2"}
    assert [s.name for s in select(SPECS, ["s3.bucket", "rds"])] == [
        "s3.bucket",
        "rds.db-instance",
        "rds.db-cluster",
    ]
    with pytest.raises(InputError, match="unknown service: nope"):
        select(SPECS, ["nope"])
