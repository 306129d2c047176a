"""Sources of inventories: cloud scanners and offline importers.

Each connector implements `connectors.interface.Connector` and is registered under the
entry-point group `exitplan.connectors` by a `connectors.interface.Registration` (its
options, help and permissions as data), so that a third party's package can add one
without touching the core: `exitplan scan NAME` and `exitplan permissions NAME` are built
from the registrations installed. The core imports a cloud SDK only when that connector
is used. An import format is a module and an entry in `connectors.importers.formats`.

One rule for records that cannot be read, in every connector. A malformed record in a
cloud's answer (an AWS describe result without the fields of its ARN or name, an Azure
resource or resource group without an id or type, a Cloud Asset result without a name or
asset type, a value the Azure or GCP connector cannot convert) is a gap naming the scope,
call, page and record and the fields present, never their values, and the scan reads on:
the user cannot fix the answer, and one bad record must not cost the rest. A malformed
record in a file the user gave to an importer stops the import (exit 2) with the file and
record named: the user can fix the file. Where the code that reads a record is shared (the
az and gcloud importers read with the Azure and GCP connectors' code), it raises
`exitplan.errors.RecordError`: the import lets it stop, the scan makes it a gap."""
