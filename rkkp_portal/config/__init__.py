"""Parts of the settings, one concept to a module, that ``rkkp_portal/settings.py`` builds
from the environment it reads: the caches and sessions, the logs, error tracking."""
