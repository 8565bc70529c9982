"""YAML from files other people wrote, loaded in bounded memory.

PyYAML builds an alias as a shared reference, so loading a "billion laughs" document is cheap; the
blow-up comes later, when something walks or copies the tree (a 580-byte document grew to gigabytes
that way). ``load`` therefore refuses documents whose tree, with every alias expanded, has more than
``max_nodes`` nodes, refuses inputs over ``max_bytes``, and turns too-deep nesting into an error.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 5_000_000
MAX_NODES = 200_000


class YamlLimitError(ValueError):
    """A YAML input refused or unreadable; the message names the source and the limit."""


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Node count of ``root`` with aliases expanded (each anchored node counted once per use), without
    expanding anything: sizes are memoised per node, and counting stops past ``limit``."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = ([n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode)
                    else list(node.value))
        if children_done:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes[id(c)] for c in children))
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that checks the expanded size of each document before constructing it."""

    max_nodes = MAX_NODES

    def get_single_node(self) -> yaml.Node | None:
        node = super().get_single_node()
        if node is not None and _expanded_size(node, self.max_nodes) > self.max_nodes:
            raise YamlLimitError(f"more than {self.max_nodes} values once its aliases (*name) are expanded")
        return node


def load(text: str | bytes, source: str, loader: type[BoundedLoader] = BoundedLoader,
         max_bytes: int = MAX_BYTES) -> Any:
    """One YAML document, or ``YamlLimitError`` naming ``source`` (too big, alias bomb, too deep, or not YAML)."""
    if len(text) > max_bytes:
        raise YamlLimitError(f"{source}: {len(text)} bytes is over the {max_bytes}-byte limit for YAML input")
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - loader is a SafeLoader subclass
    except YamlLimitError as e:
        raise YamlLimitError(f"{source}: refused: {e}") from None
    except RecursionError:
        raise YamlLimitError(f"{source}: nested too deeply to load") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise YamlLimitError(f"{source}: not valid YAML{where}: {getattr(e, 'problem', None) or e}") from None
