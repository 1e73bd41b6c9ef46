"""Documents the office prints and files: assignment notices, bulletins, the ledger."""
