"""The order of a functional model's layers, as Keras 3 lists them in `model.layers`
(`keras.src.ops.function.map_graph`): deepest first, counting depth from the outputs, and
in the order a depth-first walk from the outputs first meets them when depths tie."""

from __future__ import annotations

from tutor.engine.model import FunctionalSpec

Operation = tuple[str, int]
"""("input", i) for the model's i-th input, ("layer", j) for spec.layers[j]."""
Node = tuple[str, int]
"""("input", i), or ("node", k) for spec.nodes[k]."""


def _operation(spec: FunctionalSpec, node: Node) -> Operation:
    kind, index = node
    return node if kind == "input" else ("layer", spec.nodes[index].layer)


def _producer(spec: FunctionalSpec, tensor: int) -> Node:
    inputs = len(spec.inputs)
    return ("input", tensor) if tensor < inputs else ("node", tensor - inputs)


def _parents(spec: FunctionalSpec, node: Node) -> list[Node]:
    kind, index = node
    return [] if kind == "input" else [_producer(spec, t) for t in spec.nodes[index].inputs]


def _walk(spec: FunctionalSpec) -> tuple[list[Node], dict[Operation, int]]:
    """Keras' `_build_map`, without recursion: nodes from the inputs to the outputs, and
    the order in which each operation was first entered."""
    finished: set[Node] = set()
    ordered: list[Node] = []
    indices: dict[Operation, int] = {}
    for output in spec.outputs:
        stack: list[tuple[Node, int]] = [(_producer(spec, output), -1)]
        while stack:
            node, position = stack.pop()
            if position == -1:
                if node in finished:
                    continue
                indices.setdefault(_operation(spec, node), len(indices))
                position = 0
            parents = _parents(spec, node)
            if position < len(parents):
                stack.append((node, position + 1))
                stack.append((parents[position], -1))
                continue
            if node not in finished:
                finished.add(node)
                ordered.append(node)
    return ordered, indices


def keras_order(spec: FunctionalSpec) -> list[Operation]:
    """The model's operations (inputs and layers) in `model.layers` order."""
    ordered, indices = _walk(spec)
    in_graph = set(ordered)
    node_depths: dict[Node, int] = {}
    depths: dict[Operation, int] = {}
    for node in reversed(ordered):
        depth = node_depths.setdefault(node, 0)
        operation = _operation(spec, node)
        depth = max(depth, depths.get(operation, 0))
        depths[operation] = depth
        node_depths[node] = depth
        for parent in _parents(spec, node):
            if parent in in_graph:
                node_depths[parent] = max(depth + 1, node_depths.get(parent, 0))
    for index in range(len(spec.inputs)):
        if ("input", index) not in depths:  # an input the outputs do not use
            depths[("input", index)] = 0
            indices[("input", index)] = -1
    return sorted(depths, key=lambda operation: (-depths[operation], indices[operation]))
