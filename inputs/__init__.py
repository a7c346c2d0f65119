"""Input formats and their loading: the ground floor of insatsval.

Every file a user or analyst gives the tool (taxonomy, evidence scale, catalogue layers, area
profile, resource inventory, settings) has one pydantic model here, and one loader that turns
the file into that model or raises :class:`~inputs.problems.InputError` with every problem
located by file and line. The JSON Schemas in ``schemas/`` are generated from these models.
Nothing here imports another insatsval package.
"""
