"""Python syntax trees as both extraction and conversion read them: source decoding (``source``), each
node type's fields in lexical order (``fields``), the one source-ordered walk with line counting
(``walk``) and dotted names (``names``)."""

from g2l_core.pytree.fields import FIELD_NAMES, GETTERS, field_names
from g2l_core.pytree.names import dotted_name
from g2l_core.pytree.source import SourceDecodeError, decode_source, without_coding_line
from g2l_core.pytree.walk import Walker

__all__ = ["FIELD_NAMES", "GETTERS", "SourceDecodeError", "Walker", "decode_source", "dotted_name", "field_names",
           "without_coding_line"]
