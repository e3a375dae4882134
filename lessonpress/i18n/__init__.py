"""Translations: name every string (`fields`), record what was translated when (`state`),
report what is missing or stale (`status`), create translation files (`files`), exchange
catalogs with translators (`catalog`, PO and CSV), and the tool's own words (`labels`).

The build itself only needs `lessonpress.localize`, which merges a translation over its source.
"""
