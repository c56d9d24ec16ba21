"""Imports of existing data into the register, through the same services as the pages."""
