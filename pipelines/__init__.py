"""Dagster definitions, the ingest run, the warehouse, exports and the CLI: glue around parsers/."""

import os

from parsers.limits import ALLOCATOR_ENV

for _name, _value in ALLOCATOR_ENV.items():
    os.environ.setdefault(_name, _value)  # before polars is first imported (see ALLOCATOR_ENV)
