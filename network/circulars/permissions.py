"""Who may do what with circulars.

Reading the archive: everybody inside the network area (network.permissions.network_member).
Writing, sending and sending again: staff with `network.change_circular` (the Redaktion
group) and their second factor used in this session.
"""

from vmdo_portal.permissions import office_may

SEND = "network.change_circular"


def office_may_send_circulars(request) -> bool:
    return office_may(request, SEND)
