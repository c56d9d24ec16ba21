"""Error reports (the DEBUG error page, and the e-mails to ADMINS) without tokens.

Django's ``SafeExceptionReporterFilter`` hides settings, request headers and POST fields
whose names look secret, and variables marked ``@sensitive_variables``. The filter here
also hides every frame's variables with such names (``token``, ``key`` …). The reporter
masks what a variable's name does not give away: the addresses that carry a token (see
rkkp_portal/logs.py), and the value of every URL argument with a secret-looking name
wherever it appears (the handler's ``callback_kwargs``, a request's repr, the title).
"""

from django.utils.html import escape
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from rkkp_portal.logs import MASK, mask_tokens


class ErrorReportFilter(SafeExceptionReporterFilter):
    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, self.cleansed_substitute if self.hidden_settings.search(name) else value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]


class ErrorReporter(ExceptionReporter):
    def get_traceback_html(self) -> str:
        return self._masked(super().get_traceback_html())

    def get_traceback_text(self) -> str:
        return self._masked(super().get_traceback_text())

    def _masked(self, report: str) -> str:
        report = mask_tokens(report)
        match = getattr(self.request, "resolver_match", None)
        secrets = [
            str(value)
            for name, value in (match.kwargs.items() if match is not None else ())
            if value and self.filter.hidden_settings.search(name)
        ]
        for secret in secrets:
            report = report.replace(secret, MASK).replace(escape(secret), MASK)
        return report
