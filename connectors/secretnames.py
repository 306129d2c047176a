"""Tag keys that name a credential. Scans and imports read tags as they are, and a team
that put a password in a tag (`DbPassword=...`) should not find it in an inventory or an
exit plan: such tags are left out, and listed by key, never by value."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from exitplan.i18n import _
from exitplan.model import Resource, Skipped

# Words of a tag key that name a credential: `db_password`, `ApiToken`, `pw`, `AccountKey`.
_SECRET_WORDS = {
    "password", "passwd", "pwd", "pw", "secret", "secrets", "token", "tokens", "key", "keys",
    "apikey", "credential", "credentials", "connectionstring", "connstr", "sas", "auth",
    "authorization", "pass", "passphrase", "bearer", "jwt", "cert", "privatekey",
}  # fmt: skip
_SECRET_TEXT = (
    "password", "passwd", "passphrase", "secret", "token", "connectionstring", "apikey",
    "accesskey", "privatekey", "authorization", "bearer", "credential",
)  # fmt: skip


@functools.lru_cache(maxsize=4096)  # an estate's tag keys are few and repeat
def secret_like(name: str) -> bool:
    """Whether a tag key names a credential: by its words (snake, kebab, camel case) or
    by what it contains."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    words = {w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w}
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    return bool(words & _SECRET_WORDS) or any(t in squashed for t in _SECRET_TEXT)


def without_secret_tags(
    found: Sequence[Resource], where: Callable[[Resource], str]
) -> tuple[list[Resource], list[Skipped]]:
    """The resources without tags whose key names a credential, and those tags counted by
    key and by where they were (`where`: the file imported, or the account scanned)."""
    dropped: Counter[tuple[str, str]] = Counter()
    kept = []
    for resource in found:
        secret = [k for k in resource.tags if secret_like(k)]
        if secret:
            dropped.update((where(resource), k) for k in secret)
            tags = {k: v for k, v in resource.tags.items() if k not in secret}
            resource = resource.model_copy(update={"tags": tags})
        kept.append(resource)
    # Written into the inventory in the language of the run.
    tag, credential = _("tag {key}"), _("its name suggests a credential")
    skipped = [
        Skipped(source=source, type=tag.format(key=key), count=n, reason=credential)
        for (source, key), n in sorted(dropped.items())
    ]
    return kept, skipped
