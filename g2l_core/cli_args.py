"""Argument shapes shared by the ``g2l`` subcommands."""


def parse_pairs(values: list[str], flag: str, shape: str) -> dict[str, str]:
    """``KEY=VALUE`` arguments of a repeated ``flag``; a malformed one raises naming the flag and the shape."""
    out = {}
    for value in values:
        key, sep, target = value.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise ValueError(f"{flag} {value!r}: expected {shape}")
        out[key.strip()] = target.strip()
    return out
