"""Offline importers: files that teams already have, turned into inventories."""
