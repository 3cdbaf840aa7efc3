"""Notebooks 05, 07 and 08: coalitions, architectures, treaty builder, forecast ledger."""
