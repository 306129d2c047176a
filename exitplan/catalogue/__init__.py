"""The catalogue: service categories, the native types that belong to them, and the
European and open-source alternatives with the facts (and sources) behind them; plus the
structural class, configuration that moves with its parent.

The catalogue is data (YAML files under exitplan/data/catalogue, and the user's overlays).
This package reads and validates it; it holds no facts itself."""

from .load import Catalogue, Entry, catalogue_schema, load_catalogue
from .model import (
    LANDING_ZONE,
    Alternative,
    AlternativeKind,
    Category,
    Certification,
    Compatibility,
    Constraints,
    Exposure,
    Hosting,
    LockIn,
    Maintenance,
    NativeType,
    PlacementRules,
    Provider,
    Source,
    Structural,
)

__all__ = [
    "LANDING_ZONE",
    "Alternative",
    "AlternativeKind",
    "Catalogue",
    "Category",
    "Certification",
    "Compatibility",
    "Constraints",
    "Entry",
    "Exposure",
    "Hosting",
    "LockIn",
    "Maintenance",
    "NativeType",
    "PlacementRules",
    "Provider",
    "Source",
    "Structural",
    "catalogue_schema",
    "load_catalogue",
]
