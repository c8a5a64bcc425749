"""Settings of the benchmarks that need Django's full stack: the test settings, with
the production task queue.

The test settings give a fixed, public master key (a generated data set stays
readable from run to run, and no real key is ever involved) and fast password
hashing; but they run queued tasks at once, inside the request that queues them.
The rights benchmark times what a request does synchronously, so queued work here
goes to the database queue (django-tasks-db) as in production and is not run.
"""

from candid.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
