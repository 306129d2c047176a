"""Terraform and OpenTofu state: the managed resource instances it records, from either
shape Terraform writes.

- State v4 (`terraform state pull`, a local `.tfstate`): `resources[]`, each with `module`
  (absent at the root), `mode`, `type`, `name`, `provider` and `instances[]` that carry
  `index_key` (count or for_each), `attributes`, `sensitive_attributes` and, for an object
  Terraform has replaced but not yet destroyed, `deposed`.
- `terraform show -json`: `values.root_module.resources[]` and `child_modules[]`, each
  resource with `address`, `index`, `values` and `sensitive_values`.

Data sources and deposed objects are left out: they are not what runs. Every attribute the
state marks sensitive is removed before anything else sees the instance."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from exitplan.errors import InputError
from exitplan.i18n import N_, _
from exitplan.untrusted import shows_nothing

_HINT = N_("give the output of `terraform state pull` or `terraform show -json`")


@dataclass(frozen=True)
class Instance:
    """One managed resource instance: `module.app.aws_instance.web["a"]`."""

    address: str
    type: str
    provider: str  # the provider's local name: aws, azurerm, google, ...
    attributes: dict[str, Any]  # sensitive values removed
    tainted: bool = False
    config: str = ""  # the provider configuration, alias included: instances that share
    # it share an account and region
    # Resource identity (Terraform 1.12 and later; the AWS provider 6 gives `account_id`
    # and `region`): where the instance is, for resources whose ARN does not say.
    identity: Mapping[str, Any] = field(default_factory=dict)
    # The text values that were removed, never written anywhere: a provider copies some of
    # them into attributes Terraform does not mark (a sensitive bucket name into its ARN),
    # and the resource built from the instance must not show them.
    hidden: frozenset[str] = field(default=frozenset(), repr=False)


def instances(path: Path, document: Any) -> Iterator[Instance]:
    """Every managed instance of a state document, in the order the file holds them."""
    if not isinstance(document, dict):
        raise InputError(
            _("{path}: a Terraform state is a JSON object, this is a {name}").format(
                path=path, name=type(document).__name__
            ),
            _(_HINT),
        )
    if "encryption_version" in document or "encrypted_data" in document:
        raise InputError(
            _("{path}: is an encrypted OpenTofu state").format(path=path),
            _(
                "give it decrypted: run `tofu state pull` in the working directory whose "
                "encryption configuration holds the key"
            ),
        )
    if "values" in document or "format_version" in document:
        yield from _shown(path, document)
        return
    version = document.get("version")
    if version != 4:
        raise InputError(
            _(
                "{path}: Terraform state version {version}; only version 4 (Terraform 0.12 and "
                "later, OpenTofu) is read"
            ).format(path=path, version=repr(version)),
            _("upgrade the state with a current Terraform (terraform state pull after init)"),
        )
    resources = document.get("resources", [])
    if not isinstance(resources, list):
        raise InputError(_("{path}: `resources` is not a list").format(path=path), _(_HINT))
    for number, resource in enumerate(resources):
        yield from _stored(path, number, resource)


def _stored(path: Path, number: int, resource: Any) -> Iterator[Instance]:
    where = f"{path}: resources[{number}]"  # a place in the file: no words to translate
    if not isinstance(resource, dict):
        raise InputError(_("{where} is not an object").format(where=where), _(_HINT))
    if not _managed(resource, where):
        return
    kind, name = resource.get("type"), resource.get("name")
    if not _named(kind) or not _named(name):
        missing = "type" if not _named(kind) else "name"
        raise InputError(_("{where} has no {field}").format(where=where, field=missing), _(_HINT))
    module = resource.get("module")
    prefix = f"{module}." if isinstance(module, str) and module else ""
    config = _text(resource, "provider", where)
    provider = _provider(config, kind)
    for index, instance in enumerate(_list(resource, "instances", where)):
        if not isinstance(instance, dict):
            raise InputError(
                _("{where}.instances[{index}] is not an object").format(where=where, index=index),
                _(_HINT),
            )
        if instance.get("deposed"):
            continue
        attributes = instance.get("attributes")
        if not isinstance(attributes, dict):
            raise InputError(
                _("{where}.instances[{index}] ({address}) has no attributes").format(
                    where=where, index=index, address=f"{prefix}{kind}.{name}"
                ),
                _("states written by Terraform before 0.12 (attributes_flat) are not read"),
            )
        key = instance.get("index_key")
        if key is not None and (isinstance(key, bool) or not isinstance(key, str | int)):
            raise InputError(
                _(
                    "{where}.instances[{index}] ({address}): index_key is {found}, where "
                    "Terraform writes a number or a text"
                ).format(where=where, index=index, address=f"{prefix}{kind}.{name}", found=_a(key)),
                _(_HINT),
            )
        address = f"{prefix}{kind}.{name}{_key(key)}"
        removed: list[Any] = []
        yield Instance(
            address=address,
            type=kind,
            provider=provider,
            attributes=_without_paths(
                attributes,
                instance.get("sensitive_attributes"),
                f"{where}.instances[{index}] ({address})",
                removed,
            ),
            tainted=instance.get("status") == "tainted",
            config=config,
            identity=_identity(instance.get("identity")),
            hidden=_texts(removed),
        )


_JSON = {
    dict: N_("an object"),
    list: N_("a list"),
    str: N_("a text"),
    int: N_("a number"),
    float: N_("a number"),
    bool: N_("a boolean"),
}


def _a(value: Any) -> str:
    """What kind of JSON value it is, in words: "a list"."""
    return _(_JSON.get(type(value), N_("a value")))


def _named(value: Any) -> TypeGuard[str]:
    """Text that names something: not empty, not only white space or invisible characters
    (which name no Terraform type or address)."""
    return isinstance(value, str) and not shows_nothing(value)


def _managed(resource: dict[str, Any], where: str) -> bool:
    """Whether a resource is managed; a data source is not. Any other mode is refused: a
    resource is never left out for a mode that no Terraform writes."""
    mode = resource.get("mode", "managed")
    if mode not in ("managed", "data"):
        raise InputError(
            _("{where}: `mode` is neither managed nor data").format(where=where), _(_HINT)
        )
    return bool(mode == "managed")


def _list(record: dict[str, Any], key: str, where: str) -> list[Any]:
    """A list the record holds under `key`; absent or null: none."""
    found = record.get(key)
    if found is None:
        return []
    if not isinstance(found, list):
        raise InputError(
            _("{where}: `{key}` is {kind}, not a list").format(
                where=where, key=key, kind=_a(found)
            ),
            _(_HINT),
        )
    return found


def _text(record: dict[str, Any], key: str, where: str) -> str:
    """A text the record holds under `key`; absent or null: empty."""
    found = record.get(key)
    if found is None:
        return ""
    if not isinstance(found, str):
        raise InputError(
            _("{where}: `{key}` is {kind}, not a text").format(
                where=where, key=key, kind=_a(found)
            ),
            _(_HINT),
        )
    return found


def _identity(value: Any) -> dict[str, str]:
    """Only its plain text fields: the identity names a resource, it holds no secrets, but
    nothing else of it is read."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _shown(path: Path, document: dict[str, Any]) -> Iterator[Instance]:
    if any(key in document for key in ("planned_values", "resource_changes", "prior_state")):
        raise InputError(
            _(
                "{path}: is `terraform show -json` of a plan, not of a state: it describes "
                "changes, not what runs"
            ).format(path=path),
            _("run `terraform show -json` without a plan file, or `terraform state pull`"),
        )
    values = document.get("values")
    if values is None:
        return  # an empty state shows no values: `{"format_version": "1.0"}`
    root = values.get("root_module") if isinstance(values, dict) else None
    if not isinstance(root, dict):
        raise InputError(_("{path}: `values.root_module` is missing").format(path=path), _(_HINT))
    modules = deque([root])
    root_module = _("root module")  # looked up once: a state may hold many modules
    while modules:
        module = modules.popleft()
        named = module.get("address") if isinstance(module.get("address"), str) else None
        place = f"{path}: {named or root_module}"
        for number, resource in enumerate(_list(module, "resources", place)):
            instance = _shown_resource(resource, f"{place} resources[{number}]")
            if instance is not None:
                yield instance
        for number, child in enumerate(_list(module, "child_modules", place)):
            if not isinstance(child, dict):
                raise InputError(
                    _("{where} child_modules[{number}] is not an object").format(
                        where=place, number=number
                    ),
                    _(_HINT),
                )
            modules.append(child)


def _shown_resource(resource: Any, where: str) -> Instance | None:
    """One entry of a module's `resources`; None for what is not a managed, current one."""
    if not isinstance(resource, dict):
        raise InputError(_("{where} is not an object").format(where=where), _(_HINT))
    if not _managed(resource, where) or resource.get("deposed_key"):
        return None
    address, kind = resource.get("address"), resource.get("type")
    if not _named(address) or not _named(kind):
        raise InputError(_("{where} has no address or type").format(where=where), _(_HINT))
    attributes = resource.get("values")
    if not isinstance(attributes, dict):
        raise InputError(
            _("{where} ({address}) has no values").format(where=where, address=address), _(_HINT)
        )
    removed: list[Any] = []
    provider = _text(resource, "provider_name", f"{where} ({address})")
    return Instance(
        address=address,
        type=kind,
        provider=_provider(provider, kind),
        attributes=_cleared(attributes, resource.get("sensitive_values"), removed),
        tainted=resource.get("tainted") is True,
        hidden=_texts(removed),
        # Spelled as a state spells the default configuration: `show -json` names
        # the provider, not the alias.
        config=f'provider["{provider}"]',
    )


def _provider(source: str, kind: str) -> str:
    """`provider["registry.terraform.io/hashicorp/aws"]` or `registry.../hashicorp/aws`
    -> aws; Terraform 0.12's `provider.aws`, `provider.aws.west` or
    `module.m.provider.aws` -> aws; without one, the type's prefix (`azurerm_` -> azurerm),
    as Terraform does."""
    if '["' not in source and "provider." in source:
        return source.rsplit("provider.", 1)[1].split(".", 1)[0]
    inside = source.split('["', 1)[1].split('"]', 1)[0] if '["' in source else source
    if inside:
        return inside.rsplit("/", 1)[-1]
    return kind.split("_", 1)[0]


def _key(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, str):
        return f"[{json.dumps(key, ensure_ascii=False)}]"
    return f"[{key}]"


def _without_paths(
    attributes: dict[str, Any], paths: Any, address: str, removed: list[Any]
) -> dict[str, Any]:
    """Remove every value a state v4 `sensitive_attributes` path points at. A path is a
    list of steps: `{"type": "get_attr", "value": "password"}` or an index step.

    Fails closed: a path this code cannot follow to the end removes the whole top-level
    attribute it starts from, and a path without one is an error. Name and tags are read
    outside the type table, so whatever is not removed here would reach the inventory."""
    if not paths:
        return attributes  # nothing to remove: no copy of 100k instances' attributes
    if not isinstance(paths, list):
        raise _unreadable(address)
    cleaned = dict(attributes)  # copied along each path only: the rest is shared
    for steps in paths:
        # Terraform 1.x writes a list of steps per path; a lone step is read as a path of one.
        keys = [_step(step) for step in (steps if isinstance(steps, list) else [steps])]
        if not keys or not isinstance(keys[0], str):
            raise _unreadable(address)
        for top in (keys[0], *_COMPUTED_COPIES.get(keys[0], ())):
            if not _remove(cleaned, [top, *keys[1:]], removed):
                removed.append(cleaned.pop(top, None))
    return cleaned


# Attributes a provider computes from another one, which Terraform does not mark when the
# one they copy is marked: a sensitive tag value sits unmarked in `tags_all` (AWS default
# tags) and in Google's `effective_labels` and `terraform_labels`.
_COMPUTED_COPIES = {
    "tags": ("tags_all",),
    "tags_all": ("tags",),  # a sensitive default tag: its value is in `tags` too
    "labels": ("effective_labels", "terraform_labels"),
    "effective_labels": ("labels", "terraform_labels"),
    "terraform_labels": ("labels", "effective_labels"),
}


def _unreadable(address: str) -> InputError:
    return InputError(
        _(
            "{address}: `sensitive_attributes` has a shape this version of exitplan cannot "
            "read, so its sensitive values cannot be removed safely"
        ).format(address=address),
        _("report it, with the Terraform or OpenTofu version that wrote the state (not the state)"),
    )


_UNREADABLE = object()


def _step(step: Any) -> Any:
    """A path step's key: a string (attribute or map key) or an int (list index); anything
    else (a set element, an unknown step) cannot be followed."""
    if not isinstance(step, dict):
        return _UNREADABLE
    value = step.get("value")
    if step.get("type") == "index" and isinstance(value, dict):
        value = value.get("value")
    elif step.get("type") not in ("get_attr", "index"):
        return _UNREADABLE
    return value if isinstance(value, str | int) and not isinstance(value, bool) else _UNREADABLE


def _remove(node: dict[str, Any], keys: list[Any], removed: list[Any]) -> bool:
    """Remove what `keys` leads to, copying each container on the way so that the state's
    own tree is never changed; True if done or if there is nothing there, False if the
    path does not fit the value's shape."""
    parent: Any = node
    for depth, key in enumerate(keys):
        last = depth == len(keys) - 1
        if isinstance(parent, dict) and isinstance(key, str):
            if key not in parent or parent[key] is None:
                return True  # absent or null: nothing sensitive there
            if last:
                removed.append(parent.pop(key))
                return True
            child = parent[key]
        elif isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
            if last:
                removed.append(parent[key])
                parent[key] = None
                return True
            child = parent[key]
        else:
            return False
        if isinstance(child, dict):
            child = dict(child)
        elif isinstance(child, list):
            child = list(child)
        else:
            return False  # a path that goes on into a plain value does not fit it
        parent[key] = child
        parent = child
    return True


def _cleared(values: dict[str, Any], marks: Any, removed: list[Any]) -> dict[str, Any]:
    if isinstance(marks, dict):
        copied = {
            copy: _both(marks[top], marks.get(copy))
            for top, copies in _COMPUTED_COPIES.items()
            if marks.get(top) not in (None, False, {}, [])
            for copy in copies
        }
        marks = {**marks, **copied} if copied else marks
    cleared = _without_marks(values, marks, removed)
    return cleared if isinstance(cleared, dict) else {}


def _both(marks: Any, more: Any) -> Any:
    """Marks that hide what either of two mark trees hides (maps of tags: key by key)."""
    if more in (None, False, {}, []):
        return marks
    if isinstance(marks, dict) and isinstance(more, dict):
        return {**more, **marks}
    return True  # shapes differ: hide it all


def _without_marks(values: Any, marks: Any, removed: list[Any]) -> Any:
    """`show -json` marks sensitive values with `true` in a tree of the same shape. Fails
    closed: marks whose shape differs from the values' hide the whole subtree."""
    if marks is None or marks is False or marks == {} or marks == []:
        return values  # nothing marked below: no copy
    if isinstance(values, dict) and isinstance(marks, dict):
        kept = {}
        for k, v in values.items():
            if marks.get(k) is True:
                removed.append(v)
            else:
                kept[k] = _without_marks(v, marks.get(k), removed)
        return kept
    if isinstance(values, list) and isinstance(marks, list):
        return [
            _without_marks(v, marks[i] if i < len(marks) else None, removed)
            for i, v in enumerate(values)
        ]
    removed.append(values)  # marked, or marks of another shape: hidden whole
    return None


def _texts(removed: list[Any]) -> frozenset[str]:
    """Every text in what was removed, long enough not to match by chance."""
    found: set[str] = set()
    stack = list(removed)
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if len(value) >= 4:
                found.add(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return frozenset(found)
