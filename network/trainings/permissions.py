"""Who may do what with the trainings of the network area.

Members register for one of their member associations (events.services checks it again
under the event's row lock). A registration and its certificate are the registered
person's: anybody else gets 404. Staff take attendance in the back office with the events
app's permission to change registrations, second factor used.
"""

from network.permissions import member_associations
from vmdo_portal.permissions import office_may

TAKE_ATTENDANCE = ("events.view_registration", "events.change_registration")


def may_register(user) -> bool:
    """A person with a membership in a member association."""
    return member_associations(user).exists()


def may_take_attendance(request) -> bool:
    return office_may(request, *TAKE_ATTENDANCE)
