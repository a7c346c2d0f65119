"""Resource and gap analysis (CTC phase 3): what existing resources reach, and what is left.

Resolves an inventory (:mod:`inputs.inventory`) against the catalogue, computes coverage per
prioritised factor, age band and level, and ranks the open cells by severity. Imports
:mod:`inputs` and :mod:`catalog`; never the recommender, which is its sibling.
"""
