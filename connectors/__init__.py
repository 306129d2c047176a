"""Sources of inventories: cloud scanners and offline importers.

Each connector implements `connectors.interface.Connector` and is registered under the
entry-point group `exitplan.connectors`, so that a third party can add one without
touching the core. The core imports a cloud SDK only when that connector is used."""
