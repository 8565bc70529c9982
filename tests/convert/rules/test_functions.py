"""Before -> after for the rules in ``g2l_core.convert.functions``, with the decisions each site yields
(options and the checks every case goes through: ``rule_cases``)."""

import textwrap

import pytest

from rule_cases import check_cases

CASES = [
    pytest.param(
        textwrap.dedent('''\
            from awsglue.functions import explodeWithIndex, namedStruct, replaceArrayElement

            a = df.select(namedStruct("a", df.a), explodeWithIndex(df.xs))
            b = df.select(replaceArrayElement(df.xs, 0, 1))
        '''),
        textwrap.dedent('''\
            # g2l: review: awsglue import kept: code below still uses replaceArrayElement
            from awsglue.functions import replaceArrayElement
            from pyspark.sql import functions as F

            a = df.select(F.named_struct("a", df.a), F.posexplode(df.xs))
            # g2l: review: rewrite with F.transform(array, lambda x: ...)
            b = df.select(replaceArrayElement(df.xs, 0, 1))
        '''),
        [
            (3, 'awsglue.functions.namedStruct', 'converted', 'GlueFunction'),
            (3, 'awsglue.functions.explodeWithIndex', 'converted', 'GlueFunction'),
            (4, 'awsglue.functions.replaceArrayElement', 'flagged', 'GlueFunction'),
        ],
        id='functions',
    ),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
