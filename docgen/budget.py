"""The budget of a render: time and output size, enforced inside the template's own run.

A template is data an office edits, so it may loop for ever, repeat a text a billion times or
ask ``str.format`` for a field a gigabyte wide. The Jinja environment of :mod:`docgen.rendering`
(:class:`BudgetedSandbox`) stops that where the work happens, in the same thread and process,
without spawning anything:

* every ``{% for %}`` loop iterates through :meth:`BudgetedSandbox.budgeted_iter` (which looks at
  the clock as the loop starts), and every call, attribute access and sixteenth chunk of output
  checks the deadline, so a render stops
  within a few hundred iterations of running out of time (:data:`RENDER_SECONDS`, or sooner
  under :func:`time_limit`);
* the output of a render is counted as it is joined (:data:`MAX_OUTPUT` characters);
* ``*``, ``**``, ``+`` and ``%`` are checked before they run, so a repetition or a power never
  builds a value past :data:`MAX_VALUE`; the widths given to ``center``, ``indent`` and
  ``format`` likewise; ``str.format`` and ``format_map`` are refused.

Running out raises :class:`BudgetExceeded`, which the rendering layer reports as a
:class:`~docgen.errors.TemplateError` naming the template; running past a caller's
:func:`time_limit` raises :class:`~docgen.errors.TimeLimitError`.
"""

from __future__ import annotations

import contextvars
import operator
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Final

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import SandboxedEnvironment

from .errors import TimeLimitError
from .i18n import N_

RENDER_SECONDS: Final = 20.0
"""The longest one render may take, in seconds."""

MAX_OUTPUT: Final = 64_000_000
"""The most characters of XML one render may produce (all parts together)."""

MAX_VALUE: Final = 4_000_000
"""The most characters (or items) one repetition, concatenation or padding may produce, and
the most digits a power may have."""

_CHECK_EVERY: Final = 256  # loop iterations between two looks at the clock
_CHECK_CHUNKS: Final = 16  # chunks of output between two looks (each call and attribute looks)


class BudgetExceeded(Exception):  # noqa: N818 - it is the budget that is exceeded
    """A render went over its budget; ``reason`` is a catalog id filled by ``params``."""

    def __init__(self, reason: str, **params: object) -> None:
        self.reason = reason
        self.params = params
        super().__init__(reason.format(**params))


class _Budget:
    """What is left of one render's budget: a deadline and characters of output."""

    __slots__ = ("deadline", "imposed", "output", "seconds")

    def __init__(self, seconds: float, deadline: float, *, imposed: bool) -> None:
        self.seconds = seconds
        self.deadline = deadline
        self.imposed = imposed  # the deadline is a caller's time limit, not the render's own
        self.output = 0

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            if self.imposed:
                raise TimeLimitError(self.seconds)
            raise BudgetExceeded(
                N_("the template took longer than {seconds} s to fill and was stopped"),
                seconds=f"{self.seconds:g}",
            )

    def spend(self, characters: int) -> None:
        self.output += characters
        if self.output > MAX_OUTPUT:
            raise BudgetExceeded(
                N_("the template makes more than {limit} characters of text and was stopped"),
                limit=f"{MAX_OUTPUT:,}".replace(",", "\u00a0"),
            )


_current: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "docgen_render_budget", default=None
)
_outer: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "docgen_time_limit", default=None
)


@contextmanager
def time_limit(seconds: float, *, started: float | None = None) -> Iterator[None]:
    """Make every render inside stop once ``seconds`` have passed since ``started``.

    ``started`` is a ``time.monotonic()`` reading, by default now. For work that answers
    within a time limit (the HTTP service): a render still running at the deadline raises
    :class:`~docgen.errors.TimeLimitError` instead of running on unseen. Nested limits keep
    the earliest deadline.
    """
    deadline = (time.monotonic() if started is None else started) + seconds
    outer = _outer.get()
    if outer is not None and outer[1] <= deadline:
        yield
        return
    token = _outer.set((seconds, deadline))
    try:
        yield
    finally:
        _outer.reset(token)


def time_left() -> float | None:
    """Return the seconds left under the current :func:`time_limit`, or ``None`` without one."""
    outer = _outer.get()
    return None if outer is None else max(outer[1] - time.monotonic(), 0.001)


def check_time_limit() -> None:
    """Raise :class:`~docgen.errors.TimeLimitError` if the current :func:`time_limit` has run
    out (for work about to start that would only be stopped)."""
    outer = _outer.get()
    if outer is not None and time.monotonic() >= outer[1]:
        raise TimeLimitError(outer[0])


def render_budget() -> AbstractContextManager[None]:
    """Give the render run inside a fresh budget (:data:`RENDER_SECONDS`, :data:`MAX_OUTPUT`)."""
    return _RenderBudget()


class _RenderBudget:
    """What :func:`render_budget` returns: a class, entered for every render in a third of the
    time a generator's context manager takes (0.7 µs, not 1.5)."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        seconds = RENDER_SECONDS
        deadline = time.monotonic() + seconds
        outer = _outer.get()
        imposed = outer is not None and outer[1] < deadline
        if outer is not None and imposed:
            seconds, deadline = outer
        self._token = _current.set(_Budget(seconds, deadline, imposed=imposed))

    def __exit__(self, *_exception: object) -> None:
        _current.reset(self._token)


def check_deadline() -> None:
    """Raise :class:`BudgetExceeded` when the current render is out of time."""
    budget = _current.get()
    if budget is not None:
        budget.check()


# -- sizes checked before the work -----------------------------------------------------------


def _too_big(size: float) -> None:
    if size > MAX_VALUE:
        raise BudgetExceeded(
            N_("the template builds a value of more than {limit} characters and was stopped"),
            limit=f"{MAX_VALUE:,}".replace(",", "\u00a0"),
        )


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple | bytes) else None


def _multiply(left: Any, right: Any) -> Any:
    for sequence, count in ((left, right), (right, left)):
        length = _length(sequence)
        if length is not None and isinstance(count, int):
            _too_big(length * max(count, 0))
    if isinstance(left, int) and isinstance(right, int):
        _too_big((left.bit_length() + right.bit_length()) * 0.302)  # decimal digits
    return operator.mul(left, right)


def _power(left: Any, right: Any) -> Any:
    if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        _too_big(left.bit_length() * right * 0.302)
    return operator.pow(left, right)


def _add(left: Any, right: Any) -> Any:
    sizes = (_length(left), _length(right))
    if sizes[0] is not None and sizes[1] is not None:
        _too_big(sizes[0] + sizes[1])
    return operator.add(left, right)


# A printf-style conversion: flags, width and precision (``%-10.3f``).
_CONVERSION: Final = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")


def _widths(spec: str) -> None:
    """Refuse a %-format whose widths or precisions would build a huge value."""
    for match in _CONVERSION.finditer(spec):
        for number in match.groups():
            if number:
                _too_big(int(number) if len(number) < 12 else MAX_VALUE + 1)


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _widths(left)
    return operator.mod(left, right)


def _sized_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Return the filter ``function``, refusing a width argument past :data:`MAX_VALUE`."""

    def sized(value: Any, *args: Any, **kwargs: Any) -> Any:
        for argument in (*args, *kwargs.values()):
            if isinstance(argument, int) and not isinstance(argument, bool):
                _too_big(argument)
        if name == "format" and isinstance(value, str):
            _widths(value)
        return function(value, *args, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(sized, attribute, getattr(function, attribute))
    return sized


class _BudgetedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every loop iterating through the budget."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not (isinstance(node.iter, nodes.Call) and getattr(node.iter, "budgeted", False)):
            call = nodes.Call(
                nodes.EnvironmentAttribute("budgeted_iter"),
                [node.iter],
                [],
                None,
                None,
                lineno=node.iter.lineno,
            )
            call.budgeted = True  # type: ignore[attr-defined]
            node.iter = call
        super().visit_For(node, frame)

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if getattr(node, "budgeted", False) and not self.environment.is_async:
            # The budget's own wrapper of a loop, called directly: the sandbox's call (3 µs)
            # would check that it is safe to call and pass it no context, which it takes none
            # of; the deadline that call would look at, budgeted_iter looks at itself.
            self.write("environment.budgeted_iter(")
            self.visit(node.args[0], frame)
            self.write(")")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)


class BudgetedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the render budget enforced (see the module docstring)."""

    code_generator_class = _BudgetedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.binop_table.update({"*": _multiply, "**": _power, "+": _add, "%": _modulo})
        for name in ("center", "indent", "format"):
            if name in self.filters:
                self.filters[name] = _sized_filter(self.filters[name], name)

    def budgeted_iter(self, iterable: Iterable[Any]) -> Iterable[Any]:
        """Return ``iterable``, looking at the clock every few items of a render's loop."""
        budget = _current.get()
        if budget is None:
            return iterable
        budget.check()
        return _iterate(iterable, budget)

    def concat(self, chunks: Iterable[str]) -> str:
        """Join the output of a template, counting it and looking at the clock."""
        budget = _current.get()
        if budget is None:
            return "".join(chunks)
        parts: list[str] = []
        append = parts.append
        left = MAX_OUTPUT - budget.output
        countdown = 1  # the clock is looked at on the first chunk, then every _CHECK_CHUNKS
        for chunk in chunks:
            left -= len(chunk)
            if left < 0:
                budget.spend(MAX_OUTPUT - budget.output - left)  # raises
            countdown -= 1
            if not countdown:
                countdown = _CHECK_CHUNKS
                budget.check()
            append(chunk)
        budget.output = MAX_OUTPUT - left
        return "".join(parts)

    def call(
        __self,  # noqa: N805 - Jinja's own signature
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Call ``__obj`` from a template, once the deadline is checked."""
        check_deadline()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return ``obj.attribute`` for a template, once the deadline is checked."""
        budget = _current.get()
        if budget is not None and time.monotonic() > budget.deadline:
            budget.check()  # raises
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            # what the sandbox returns, without its attribute lookup that fails for a key
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Refuse ``str.format`` and ``format_map``: their widths can build any size."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None

        def refused(*_args: Any, **_kwargs: Any) -> str:
            raise BudgetExceeded(
                N_("the template calls .{name}(), which templates may not use"),
                name=getattr(value, "__name__", "format"),
            )

        return refused


_DICT_ATTRIBUTES: Final = frozenset(dir(dict))
"""What ``getattr`` finds on a plain dict: the sandbox returns these before the dict's keys."""


def _iterate(iterable: Iterable[Any], budget: _Budget) -> Iterator[Any]:
    for index, item in enumerate(iterable):
        if not index % _CHECK_EVERY:
            budget.check()
        yield item
