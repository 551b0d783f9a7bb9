"""The Celery app for this project's workers: dagster_celery's own app and tasks, its step task
keeping one DagsterInstance per worker process instead of opening a new one for every step.

    XXGK_EXECUTOR=celery celery -A pipelines.celery_app worker -Q dagster --pool solo ...

dagster_celery's step task (`dagster_celery.tasks.create_task`) calls
`DagsterInstance.from_ref(instance_ref)` for every step and never disposes of it. With the
PostgreSQL storage of deploy/dagster.yaml that is three storages built per step, each checking its
tables over a connection of its own, and every event the step writes then opens (and closes) one
more connection: dagster-postgres does not pool unless told to (`NullPool`), and a new PostgreSQL
connection costs its server ~2.5 ms of CPU (a backend started) against ~0.03 ms for a statement on
an open one. Here the tasks module's `DagsterInstance.from_ref` gives the instance made from that
ref at the worker process's first step, its storages holding their connections in a pool
(`optimize_for_webserver`, what dagster-webserver does), recycled after POOL_RECYCLE seconds.
What that trades: a connection the server or the network dropped less than POOL_RECYCLE seconds
ago (PostgreSQL restarted, a failover) fails the statement that next uses it, so that step fails
(a run launched again parses only what the store lacks); one per statement never could. And the
pool sets `statement_timeout` to 0 on its connections, whatever the role's or database's default. Nothing else changes: the same app (`make_app`), task bodies, names, routes, queue, config
module (`dagster_celery_config`) and results, so the run's executor
(`dagster_celery.celery_executor`) does not know the difference. A whole run sent to a worker
(`execute_job`) still opens and closes its own instance (`DagsterInstance.get`).

XXGK_CELERY_KEEP_INSTANCE=0 goes back to an instance per step (dagster_celery's behaviour).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading

from celery.signals import worker_process_shutdown, worker_shutdown
from dagster import DagsterInstance
from dagster._serdes import serialize_value
from dagster_celery import tasks
from dagster_celery.make_app import make_app

POOL_RECYCLE = 60  # seconds a pooled connection is used before it is replaced
POOL_OVERFLOW = 5  # connections beyond the pooled one, for threads that write at once

_instances: dict[str, DagsterInstance] = {}
_lock = threading.Lock()


def pool_connections(instance: DagsterInstance) -> None:
    """The instance's storages keep their connections (a pool of one, and a few more for threads
    writing at once) instead of opening one per statement: what dagster-webserver does. No statement
    timeout, as without the pool. SQLite storages and others ignore this."""
    instance.optimize_for_webserver(statement_timeout=0, pool_recycle=POOL_RECYCLE, max_overflow=POOL_OVERFLOW)


def instance_for(ref) -> DagsterInstance:
    """This process's instance for the ref, made at its first step."""
    key = serialize_value(ref)
    with _lock:
        instance = _instances.get(key)
        if instance is None:
            instance = DagsterInstance.from_ref(ref)
            pool_connections(instance)
            _instances[key] = instance
        return instance


class _KeptInstance(DagsterInstance):
    """What dagster_celery's tasks module calls DagsterInstance: its step task's `from_ref` is this
    process's kept instance; `get` (a whole run's task) is DagsterInstance's own. Never made itself."""

    from_ref = staticmethod(instance_for)


@worker_process_shutdown.connect  # a prefork pool's child
@worker_shutdown.connect  # the worker itself: the solo and threads pools run steps in it
def _dispose(**_kwargs) -> None:
    with _lock:
        for instance in _instances.values():
            instance.dispose()
        _instances.clear()


# What a worker's first step would import (the code location, PostgreSQL's storage: ~0.9 s of a
# fresh worker's first step, the plan step every run waits for), imported as the worker starts;
# nothing is connected or built before a step asks (a prefork pool's children share no connection).
importlib.import_module("pipelines.definitions")
with contextlib.suppress(ImportError):  # the storage of deploy/dagster.yaml; SQLite needs nothing more
    importlib.import_module("dagster_postgres")

if os.environ.get("XXGK_CELERY_KEEP_INSTANCE", "1") != "0":
    tasks.DagsterInstance = _KeptInstance

app = make_app()
execute_plan = tasks.create_task(app)
execute_job = tasks.create_execute_job_task(app)
resume_job = tasks.create_resume_job_task(app)
