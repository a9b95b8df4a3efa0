"""``mpdm import``: from the text of a signed act to a YAML draft in the project's schema.

Stages, one module each: ``sources`` (text of a PDF, DOCX or text file) → ``cleanup``
(page furniture, hyphenation, ligatures) → ``recognise`` (which kind of act) →
``deliberation`` / ``agreement`` (facts, by patterns of French administrative writing) with
``parties`` (people and organisations as ids) → ``draft`` (YAML with its comments) →
``importer`` (files written, never over an existing one).
"""
