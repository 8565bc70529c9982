"""One module per job-definition format; each has ``accepts(path, text)`` and ``read(path, text, parameters)``."""
