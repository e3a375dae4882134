"""Translations: the translator's workflow over lessons, the curriculum and the helplines.

Find what is translated (`documents`), name every string from the model (`fields`), record what
was translated when (`state`, reading old records with `legacy`), report what is missing or stale
(`status`), create and edit translation files (`files`), exchange catalogs with translators
(`catalog`: PO and CSV), check an import in memory (`imports`) and write it all or nothing
(`writes`); `workflow` is the commands: init, status, sync, export, import.

The build itself only needs `lessonpress.localize`, which merges a translation over its source.
"""
