"""Demo data of the network area: each part's `network.<part>.demo.seed`, if it has one."""

from importlib import import_module

from network.apps import PARTS


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    for part in PARTS:
        try:
            demo = import_module(f"network.{part}.demo")
        except ModuleNotFoundError:
            continue
        demo.seed(users=users, scale=scale, out=out)
