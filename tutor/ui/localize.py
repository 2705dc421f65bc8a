"""Show key descriptions in the learner's language.

Bindings are declared with English descriptions (one source for the footer and the help
screen); this rewrites a node's own copy of them when the language changes, keeping the
English originals from the class as the lookup keys.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from tutor.i18n import LANGUAGE_NAMES, other_language, translate

LANGUAGE_ACTIONS = frozenset({"toggle_language", "app.toggle_language"})


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of `node`'s bindings into `lang` and refresh the footer."""
    originals = type(node)._merged_bindings
    if originals is None:
        return
    for key, bindings in originals.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(binding, description=footer_description(binding, lang))
            for binding in bindings
        ]
    node.refresh_bindings()


def footer_description(binding: Binding, lang: str) -> str:
    """What the footer says a key does, in `lang`. The language key names the language it
    switches to, in that language, so a learner who cannot read the current one finds it."""
    if binding.action in LANGUAGE_ACTIONS:
        return LANGUAGE_NAMES[other_language(lang)]
    return translate(binding.description, lang)
