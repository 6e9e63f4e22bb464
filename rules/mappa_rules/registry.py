"""Every calculator, in the order the site lists them.  Adding one here is all a new calculator needs.

A calculator's module is imported the first time it is used.  In the browser the engine compiles
each module from source, so a calculator page loads only its own calculator and the engine is
ready sooner; another calculator loads when it is first asked for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from .core import Calculator

#: calculator id (used in the CLI and in page URLs) -> the module of this package that declares it
MODULES: dict[str, str] = {
    "category": "category",
    "level": "level",
    "status-end": "status_end",
    "key-dates": "key_dates",
    "scr": "scr",
    "shared-accommodation": "shared_accommodation",
    "mappa-j": "mappa_j",
    "disclosure": "disclosure",
    "dtc-duties": "dtc_duties",
}


class Registry(Mapping[str, Calculator]):
    """The calculators by id, each module imported on first use."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)
        self._loaded: dict[str, Calculator] = {}

    def __getitem__(self, calculator_id: str) -> Calculator:
        if not isinstance(calculator_id, str):
            raise KeyError(calculator_id)
        calc = self._loaded.get(calculator_id)
        if calc is None:
            module = import_module(f".{self._modules[calculator_id]}", __package__)
            calc = module.CALCULATOR
            if calc.id != calculator_id:
                raise LookupError(f"module {module.__name__} declares {calc.id!r}, registered as {calculator_id!r}")
            self._loaded[calculator_id] = calc
        return calc

    def __contains__(self, calculator_id: object) -> bool:
        return isinstance(calculator_id, str) and calculator_id in self._modules

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def loaded(self) -> list[str]:
        """The ids whose modules have been imported so far."""
        return list(self._loaded)


CALCULATORS: Registry = Registry(MODULES)
