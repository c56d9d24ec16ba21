"""The portal's own settings for the browser tests' gunicorn, with one change: letters are
written as files to the tests' temporary directory rather than to ``var/mail/``.

``EMAIL_FILE_PATH`` is fixed in ``rkkp_portal/settings.py`` (not read from the
environment), so this is the one place the tests set it.
"""

import os

from rkkp_portal.settings import *  # noqa: F403

EMAIL_FILE_PATH = os.environ["BROWSER_TEST_MAIL_DIR"]

# The portal's addresses plus /raise/<code>/, so the browser checks can open the 400 and
# 500 pages as the server renders them (tests/browser/test_error_pages.py).
ROOT_URLCONF = "tests.errors.urls"
