"""Let go of widgets that are gone but still registered with something that outlives them.

A widget that watches a reactive of a longer-lived object (`self.watch(self.app, ...)`,
`data_bind`) or subscribes to one of its signals is remembered by that object. Textual
drops such an entry only when the value next changes or the signal next fires
(textual#6666), so a Header (which watches the app's title), a TextArea or a plot (the
app's theme) or a footer key (its footer's `compact` flag) stayed in memory after its
screen closed, with everything it referenced. Each leftover made every later full
garbage-collection pass, which stops the UI, longer.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.signal import Signal


def forget_closed_watchers(observed: DOMNode) -> None:
    """Drop the entries of closed widgets from `observed`'s watchers and signals.

    Textual keeps a reactive's watchers in the `__watchers` attribute of the watched
    object and prunes them by the same `_closing` test; there is no public way to do it
    sooner. Signals have one: `unsubscribe`.
    """
    for watchers in getattr(observed, "__watchers", {}).values():
        watchers[:] = [(node, callback) for node, callback in watchers if not node._closing]
    for signal in vars(observed).values():
        if isinstance(signal, Signal):
            for node in [node for node in signal._subscriptions if node._closing]:
                signal.unsubscribe(node)
