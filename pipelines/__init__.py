"""Dagster definitions, the ingest run, the warehouse, exports and the CLI: glue around parsers/."""

import os

from parsers.limits import ALLOCATOR_ENV, chosen

for _name, _value in ALLOCATOR_ENV.items():
    # before polars is first imported (see ALLOCATOR_ENV); what polars itself wrote into the
    # environment of a process that started this one is no user's choice
    if not chosen(_name):
        os.environ[_name] = _value
