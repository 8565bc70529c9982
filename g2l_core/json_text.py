"""``json.dumps(value, indent=n)``'s exact text, faster.

With ``indent`` the standard library encodes in Python, a generator per container; a conversion
report of a thousand jobs (tens of thousands of decisions) took half a second that way. Here the
containers that hold no container (a decision, a list of names) go through the C encoder whole, with
the item separator the indentation would put between them, and only the containers above them are
walked in Python. Anything unusual (keys that are not strings above the innermost containers) is
left to ``json.dumps`` itself.
"""

from __future__ import annotations

import json
from json.encoder import c_make_encoder, encode_basestring_ascii

_CONTAINERS = (dict, list, tuple)
_SCALAR = json.JSONEncoder().encode  # C encoder, for values that are not containers


class _Unusual(Exception):
    pass


def dumps_indented(value, indent: int = 2) -> str:
    """The same text as ``json.dumps(value, indent=indent)`` (default separators, ASCII, no sorting)."""
    out: list[str] = []
    try:
        _encode(value, out, "\n", " " * indent, {})
    except _Unusual:
        return json.dumps(value, indent=indent)
    return "".join(out)


def _flat_encoder(separator: str):
    """Compact encoding with ``separator`` between items; the C encoder made once (``JSONEncoder.encode``
    makes one per call, which costs more than encoding a small dict)."""
    encoder = json.JSONEncoder(separators=(separator, ": "), check_circular=False)
    if c_make_encoder is None:
        return encoder.encode
    make = c_make_encoder(None, encoder.default, encode_basestring_ascii, None, ": ", separator, False, False, True)
    return lambda value: "".join(make(value, 0))


def _encode(value, out: list[str], newline: str, unit: str, flat: dict) -> None:
    """Append ``value`` encoded at the indentation ``newline`` (a newline and the current indent) holds;
    ``flat``: the C encoders by the indentation they separate items with."""
    if not isinstance(value, _CONTAINERS):
        out.append(_SCALAR(value))
        return
    if not value:
        out.append("{}" if isinstance(value, dict) else "[]")
        return
    inner = newline + unit
    items = value.values() if isinstance(value, dict) else value
    if not any(isinstance(item, _CONTAINERS) for item in items):
        encode = flat.get(inner)
        if encode is None:
            encode = flat[inner] = _flat_encoder("," + inner)
        text = encode(value)  # no literal newline in encoded JSON: the separators are the only ones
        out.append(text[0] + inner + text[1:-1] + newline + text[-1])
        return
    if isinstance(value, dict):
        out.append("{")
        separator = inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out.append(separator + encode_basestring_ascii(key) + ": ")
            _encode(item, out, inner, unit, flat)
            separator = "," + inner
        out.append(newline + "}")
        return
    out.append("[")
    separator = inner
    for item in value:
        out.append(separator)
        _encode(item, out, inner, unit, flat)
        separator = "," + inner
    out.append(newline + "]")
