"""Import ReportLab so that nothing outside lessonpress can change how it behaves.

ReportLab reads `RL_*` environment variables and executes any `reportlab_settings.py` it finds on
`sys.path` when it is first imported (RELIABILITY.md §0, item 2): a lesson folder could carry
one, and `RL_trustedHosts=*` or `RL_toColorCanUse=rl_safe_eval` would reopen the network and
`eval` paths. So the first import hides both, and the security settings are then pinned. Import
ReportLab in lessonpress only after importing this module.
"""

from __future__ import annotations

import os
import sys


def _safe_import() -> None:
    if "reportlab.rl_config" in sys.modules:
        from reportlab import rl_config
    else:
        cwd = os.path.realpath(os.getcwd())
        saved_path = sys.path[:]
        saved_env = {k: v for k, v in os.environ.items() if k.startswith("RL_")}
        sys.path[:] = [p for p in saved_path if p and os.path.realpath(p) != cwd]
        for key in saved_env:
            del os.environ[key]
        try:
            from reportlab import rl_config
        finally:
            sys.path[:] = saved_path
            os.environ.update(saved_env)
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = ["file", "rml", "data", "https", "http"]
    rl_config.toColorCanUse = "rl_extended_literal_eval"
    rl_config.invariant = 1


_safe_import()


# -- named patches ------------------------------------------------------------------------------
# Each replaces one ReportLab function with an equivalent that gives the same bytes faster;
# UNPATCHED keeps what it replaced, so a test can compare the two on real documents.

PDF_SERIALISER = "PDF object serialisation"
UNPATCHED: dict[str, dict[str, object]] = {}


def _patch_pdf_serialiser() -> None:
    """Patch 1, `pdfdoc.format`, `pdfdoc.pdfdocEnc` and `PDFDictionary.format`: writing a
    document's objects was a sixth of a warm handout. Every dictionary key went through
    `PDFName` (a loop over its characters) and every string, name and number through the
    `extpdfdoc` codec, one Python call each, tens of thousands of times per document. Now a
    key's bytes are remembered, and text that is ASCII without the eight control characters
    PDFDocEncoding redefines (U+0018-U+001F) is encoded as ASCII, which gives the same bytes.
    Everything else takes ReportLab's own path."""
    from collections import OrderedDict
    from functools import lru_cache

    from reportlab import rl_config
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfbase import pdfdoc

    unpatched_format, unpatched_enc = pdfdoc.format, pdfdoc.pdfdocEnc
    redefined = frozenset(chr(c) for c in range(0x18, 0x20))
    pdf_object, ref_only = pdfdoc.PDFObject, pdfdoc.__RefOnly__

    def pdfdoc_enc(x: object) -> object:
        if type(x) is str:
            return x.encode("ascii") if x.isascii() and redefined.isdisjoint(x) else x.encode("extpdfdoc")
        return unpatched_enc(x)

    def format(element: object, document: object, toplevel: int = 0) -> bytes:  # noqa: A001
        kind = type(element)
        if kind is bytes:
            return element  # type: ignore[return-value]
        if kind is str:
            return pdfdoc_enc(element)  # type: ignore[return-value]
        if kind is float or kind is int:
            return fp_str(element).encode("ascii")
        plain = rl_config.invariant or not rl_config.pdfComments  # no comment before the object
        if plain and isinstance(element, pdf_object) and (toplevel or not hasattr(element, ref_only)):
            return element.format(document)
        return unpatched_format(element, document, toplevel)

    @lru_cache(maxsize=4096)
    def name(key: str) -> bytes:
        return pdfdoc_enc(pdfdoc.PDFName(key))  # type: ignore[return-value]

    def dictionary_format(self: pdfdoc.PDFDictionary, document: object, IND: bytes = b"\n ") -> bytes:  # noqa: N803
        entries = self.dict
        keys = list(entries.keys())
        if not isinstance(entries, OrderedDict):
            keys.sort()
        lines = [name(k) + b" " + format(entries[k], document) for k in keys]
        if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
            body = IND.join(lines)
        else:
            insert = lines.insert
            for i in reversed(range(6, len(lines), 6)):
                insert(i, b"\n ")
            body = b" ".join(lines)
        return b"<<\n" + body + b"\n>>"

    UNPATCHED[PDF_SERIALISER] = {
        "format": unpatched_format,
        "pdfdocEnc": unpatched_enc,
        "PDFDictionary.format": pdfdoc.PDFDictionary.format,
    }
    pdfdoc.format, pdfdoc.pdfdocEnc = format, pdfdoc_enc
    pdfdoc.PDFDictionary.format = dictionary_format


def unpatched(patch: str) -> None:
    """Put ReportLab's own functions back (for tests that compare output with and without)."""
    from reportlab.pdfbase import pdfdoc

    saved = UNPATCHED[patch]
    pdfdoc.format, pdfdoc.pdfdocEnc = saved["format"], saved["pdfdocEnc"]
    pdfdoc.PDFDictionary.format = saved["PDFDictionary.format"]


def repatched(patch: str) -> None:
    """Apply a patch again after `unpatched`."""
    assert patch == PDF_SERIALISER
    _patch_pdf_serialiser()


_patch_pdf_serialiser()
