"""One search across the register for staff: people, databases with their steering groups,
and organisations, each scoped to what the user may see (``finding``), at ``/search/``."""
