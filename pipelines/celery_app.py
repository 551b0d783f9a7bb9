"""The Celery app for this project's workers: dagster_celery's app, whose step task keeps one
DagsterInstance per worker process instead of opening a new one for every step.

    XXGK_EXECUTOR=celery celery -A pipelines.celery_app worker -Q dagster --pool solo ...

dagster_celery's task (`dagster_celery.tasks.create_task`) runs
`DagsterInstance.from_ref(instance_ref)` for every step and never disposes of it. With the
PostgreSQL storage of deploy/dagster.yaml that is three storages built per step, each checking its
tables over a connection of its own, and every event the step writes then opens (and closes) one
more connection: dagster-postgres does not pool unless told to (`NullPool`), and a new PostgreSQL
connection costs its server ~2.5 ms of CPU (a backend started) against ~0.03 ms for a statement on
an open one. Here the instance made from a given ref is kept for the life of the worker process,
and its storages hold their connections in a pool (`optimize_for_webserver`, what
dagster-webserver does), recycled after POOL_RECYCLE seconds so that a connection the network or
the server dropped while the worker sat idle is not used after that. Everything else is
dagster_celery's task body unchanged: same task name, routes, queue, config module
(`dagster_celery_config`) and results, so the run's executor (`dagster_celery.celery_executor`)
does not know the difference.

XXGK_CELERY_KEEP_INSTANCE=0 goes back to an instance per step (dagster_celery's behaviour).
"""

from __future__ import annotations

import os
import threading

from celery.signals import worker_process_shutdown
from dagster import DagsterInstance
from dagster import _check as check
from dagster._core.definitions.reconstruct import ReconstructableJob
from dagster._core.events import EngineEventData
from dagster._core.execution.api import create_execution_plan, execute_plan_iterator
from dagster._grpc.types import ExecuteStepArgs
from dagster._serdes import serialize_value, unpack_value
from dagster_celery.config import TASK_EXECUTE_PLAN_NAME
from dagster_celery.core_execution_loop import DELEGATE_MARKER
from dagster_celery.executor import CeleryExecutor
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_execute_job_task, create_resume_job_task

POOL_RECYCLE = 60  # seconds a pooled connection is used before it is replaced
POOL_OVERFLOW = 5  # connections beyond the pooled one, for threads that write at once

_instances: dict[str, DagsterInstance] = {}
_lock = threading.Lock()


def _keep() -> bool:
    return os.environ.get("XXGK_CELERY_KEEP_INSTANCE", "1") != "0"


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


@worker_process_shutdown.connect
def _dispose(**_kwargs) -> None:
    with _lock:
        for instance in _instances.values():
            instance.dispose()
        _instances.clear()


app = make_app()


@app.task(bind=True, name=TASK_EXECUTE_PLAN_NAME)
def execute_plan(self, execute_step_args_packed, executable_dict):
    """dagster_celery.tasks.create_task's body, with the instance kept (instance_for)."""
    execute_step_args = unpack_value(
        check.dict_param(execute_step_args_packed, "execute_step_args_packed"), as_type=ExecuteStepArgs
    )
    check.dict_param(executable_dict, "executable_dict")
    keep = _keep()
    instance = instance_for(execute_step_args.instance_ref) if keep else DagsterInstance.from_ref(execute_step_args.instance_ref)
    recon_job = ReconstructableJob.from_dict(executable_dict)
    retry_mode = execute_step_args.retry_mode
    dagster_run = instance.get_run_by_id(execute_step_args.run_id)
    check.invariant(dagster_run, f"Could not load run {execute_step_args.run_id}")
    step_keys_str = ", ".join(execute_step_args.step_keys_to_execute or [])
    execution_plan = create_execution_plan(
        recon_job,
        dagster_run.run_config,
        step_keys_to_execute=execute_step_args.step_keys_to_execute,
        known_state=execute_step_args.known_state,
    )
    engine_event = instance.report_engine_event(
        f"Executing steps {step_keys_str} in celery worker",
        dagster_run,
        EngineEventData({"step_keys": step_keys_str, "Celery worker": self.request.hostname}, marker_end=DELEGATE_MARKER),
        CeleryExecutor,
        step_key=execution_plan.step_handle_for_single_step_plans().to_key(),
    )
    events = [engine_event]
    for step_event in execute_plan_iterator(
        execution_plan=execution_plan,
        job=recon_job,
        dagster_run=dagster_run,
        instance=instance,
        retry_mode=retry_mode,
        run_config=dagster_run.run_config,
    ):
        events.append(step_event)
    return [serialize_value(event) for event in events]


execute_job = create_execute_job_task(app)
resume_job = create_resume_job_task(app)
