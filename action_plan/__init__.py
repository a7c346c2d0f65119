"""Phase 4 to the end: costs, a portfolio that fits the budget, how sure the ranking is, the goal chain
(målkedja) and the implementation plan.

Layer 4 (docs/architecture.md): imports :mod:`inputs`, :mod:`catalog`, :mod:`recommender`,
:mod:`gap_analysis` and :mod:`brief`; SciPy and networkx are imported only inside the functions
that need them, so the everyday commands stay light. docs/action_plan.md is the method.
"""
