"""Show key descriptions in the learner's language.

Bindings are declared with English descriptions (one source for the footer and the help
screen); this rewrites a node's own copy of them when the language changes, keeping the
English originals from the class as the lookup keys.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from tutor.i18n import translate


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Translate the descriptions of `node`'s bindings into `lang` and refresh the footer."""
    originals = type(node)._merged_bindings
    if originals is None:
        return
    for key, bindings in originals.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(binding, description=translate(binding.description, lang))
            for binding in bindings
        ]
    node.refresh_bindings()
