"""Build step (being written)."""


def build() -> None:
    pass
