"""Build step (being written)."""


def check() -> None:
    pass
