"""Background work of the circulars (django.tasks, see vmdo_portal/tasks.py)."""

from django.tasks import task

from network.circulars.services import circular_batch_deliver


@task
def circular_batch_send(circular_id: int) -> None:
    """Send one batch of a circular's pending deliveries; the batch queues the next."""
    circular_batch_deliver(circular_id=circular_id)
