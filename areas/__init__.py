"""City-wide work over many sub-areas: grouping them into local areas, comparing them, running them all.

:mod:`areas.cluster` groups sub-areas with similar survey profiles (scikit-learn, with the
adjacency of :mod:`areas.geometry` keeping every group in one piece); ``compare`` and ``batch``
put every area side by side. scikit-learn, networkx and shapely are imported only here.
"""
