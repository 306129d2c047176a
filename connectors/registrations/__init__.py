"""exitplan's own connectors as their entry points name them (pyproject.toml): small
modules that import no cloud SDK until a scan or `permissions` runs."""
