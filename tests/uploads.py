"""A spy on the upload handlers that keep files (in memory or in a temporary file)."""

from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler


def spy_on_kept_bytes(monkeypatch) -> list[int]:
    """The sizes of the chunks the keeping handlers are given, as a request is read."""
    kept: list[int] = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def receive_data_chunk(self, raw_data, start, original=original):
            # The memory handler passes a chunk on, unkept, when the request is too large
            # for memory (not "activated").
            if getattr(self, "activated", True):
                kept.append(len(raw_data))
            return original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", receive_data_chunk)
    return kept
