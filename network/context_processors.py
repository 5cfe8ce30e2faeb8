from network.permissions import may_enter


def network(request):
    """`network_open`: whether the header links to the members' area; asked only when a
    page shows it (the template calls it), so anonymous pages cost nothing."""
    return {"network_open": lambda: may_enter(request)}
