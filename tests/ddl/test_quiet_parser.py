"""sqlglot's own warnings (a statement kept as a Command, such as MSCK) never reach a run's output: g2l
reports those statements itself. Checked in a fresh interpreter, where only the parsing module is imported."""

import subprocess
import sys

CODE = """
import logging, sys
logging.basicConfig(stream=sys.stdout, level=logging.WARNING)
from g2l_core.ddl.parse import split_statements
import sqlglot
sqlglot.parse("MSCK REPAIR TABLE logistics.shipments", read="hive")
print("done")
"""


def test_parsing_alone_prints_no_sqlglot_warning():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    assert out == "done\n"
