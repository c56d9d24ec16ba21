"""Malformed roster files, built byte by byte as the programs that make them would."""

import io
import struct
import zipfile

import tablib

from steering.imports import roster

ROW = ["a@b.dk", "Anna", "Berg", "", "", "", "dmd", "chair", "", "", "2024-01-01", "", ""]

ENDOFCHAIN, FATSECT, FREESECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFF


def workbook() -> bytes:
    dataset = tablib.Dataset(headers=list(roster.COLUMNS))
    dataset.append(ROW)
    return dataset.export("xlsx")


def repacked(content: bytes, compression: int) -> bytes:
    """The workbook's parts packed again with another compression method."""
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for name, data in parts:
            target.writestr(name, data)
    return buffer.getvalue()


def _patched(content: bytes, patch) -> bytes:
    """Every local and central header passed to ``patch(data, header_offset, is_central)``."""
    data = bytearray(content)
    for signature, central in ((b"PK\x03\x04", False), (b"PK\x01\x02", True)):
        at = data.find(signature)
        while at >= 0:
            patch(data, at, central)
            at = data.find(signature, at + 4)
    return bytes(data)


def with_method(content: bytes, method: int) -> bytes:
    """A stored workbook whose headers name ``method`` (e.g. 9, Deflate64, which zip tools
    of Windows write for large archives and Python's zipfile cannot read)."""

    def patch(data, at, central):
        offset = at + (10 if central else 8)
        data[offset : offset + 2] = struct.pack("<H", method)

    return _patched(repacked(content, zipfile.ZIP_STORED), patch)


def with_encryption_flag(content: bytes) -> bytes:
    """The workbook as a zip tool's "encrypt with password" leaves it: flag bit 0 set."""

    def patch(data, at, central):
        offset = at + (8 if central else 6)
        (flags,) = struct.unpack_from("<H", data, offset)
        struct.pack_into("<H", data, offset, flags | 0x1)

    return _patched(content, patch)


def _directory_entry(name: str, kind: int, child: int = NOSTREAM, right: int = NOSTREAM):
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)  # length, type, black
    struct.pack_into("<III", entry, 68, NOSTREAM, right, child)  # left, right, child
    struct.pack_into("<IQ", entry, 116, ENDOFCHAIN if kind else 0, 0)  # start, size
    return bytes(entry)


def compound_file(*streams: str) -> bytes:
    """A compound file (OLE2, version 3) with empty streams of the given names: the
    container of an Excel workbook encrypted with a password (its streams are
    "EncryptionInfo" and "EncryptedPackage") and of an old .xls ("Workbook")."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    # FAT sectors 1, first directory sector 1, mini cutoff, no mini FAT, no DIFAT sectors.
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 0x1000)
    struct.pack_into("<IIII", header, 60, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    struct.pack_into("<109I", header, 76, 0, *[FREESECT] * 108)
    fat = struct.pack("<128I", FATSECT, ENDOFCHAIN, *[FREESECT] * 126)
    entries = [_directory_entry("Root Entry", 5, child=1 if streams else NOSTREAM)]
    for index, name in enumerate(streams, start=1):
        following = index + 1 if index < len(streams) else NOSTREAM
        entries.append(_directory_entry(name, 2, right=following))
    entries += [_directory_entry("", 0)] * (-len(entries) % 4)
    return bytes(header) + fat + b"".join(entries)
