"""How a write waits for another program's lock on the database: the task
runner's writer makes short attempts (``lock_wait``) and retries while
``is_locked`` says the failure was only the lock, telling the user meanwhile."""

from zsdesk.db.engine import is_locked, lock_wait

__all__ = ["is_locked", "lock_wait"]
