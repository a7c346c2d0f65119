"""Everything people read: labels in both languages, tables, explanations, documents and exports.

The top of the house: it imports every other package and nothing imports it but ``cli.py``.
Human-facing words live in ``render/strings.yaml`` (interface) and in the data files (factor
names, tiers); problem messages live with their codes in ``inputs/problems.yaml``.
"""
