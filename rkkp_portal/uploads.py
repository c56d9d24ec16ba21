"""Uploads refused while they arrive, once they pass the limit of the view they are for.

Django keeps an upload in memory up to 2.5 MB and in a temporary file beyond, whatever its
size, before any view can look at it, and the CSRF check reads the request before the
view runs. ``LimitedUploadHandler`` (first of FILE_UPLOAD_HANDLERS) counts each file's
bytes as they arrive. Once a file passes the limit its view declares with
``@upload_limit(...)``, nothing more of it is kept: what the other handlers held is
discarded, and the rest of the request is read and thrown away, so that the browser
receives the answer instead of a reset connection (refusing to read at all resets it,
and behind a proxy turns into a 502). The view receives an empty stand-in whose ``size``
is the size that arrived, past its limit, so the view's own size check refuses it with
the message it always gives. Views without ``@upload_limit`` keep Django's behaviour.
"""

import io

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


def upload_limit(max_bytes: int):
    """Declare the largest file ``view`` accepts; ``view`` must refuse a larger ``size``."""

    def decorator(view):
        view.upload_limit = max_bytes
        return view

    return decorator


class RefusedUpload(UploadedFile):
    """A file that passed its view's limit: its name and size, none of its content."""

    def __init__(self, *, name: str, content_type: str, size: int, charset: str | None):
        super().__init__(io.BytesIO(), name, content_type, size, charset)


class LimitedUploadHandler(FileUploadHandler):
    limit: int | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Runs when the body is first read (the CSRF check, after the URL is resolved).
        match = getattr(self.request, "resolver_match", None)
        self.limit = getattr(match.func, "upload_limit", None) if match else None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.refused = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.refused:
            return None  # the handlers after this one never see it
        if self.limit is not None and start + len(raw_data) > self.limit:
            self.refused = True
            self._discard_what_others_kept()
            return None
        return raw_data

    def file_complete(self, file_size: int):
        if not self.refused:
            return None  # the next handler (memory or temporary file) hands over the file
        return RefusedUpload(
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
        )

    def _discard_what_others_kept(self) -> None:
        for handler in self.request.upload_handlers:
            kept = getattr(handler, "file", None) if handler is not self else None
            if kept is not None:
                kept.close()  # a temporary file is deleted on close
