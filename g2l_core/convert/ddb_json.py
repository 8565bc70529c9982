"""``dyf.unnest_ddb_json()`` and ``dyf.simplify_ddb_json()``: DynamoDB JSON (``{"pk": {"S": "a"}}``) in a frame's item column -> plain
top-level columns.

Seen in DynamoDB-stream jobs (``selectExpr("dynamodb.NewImage")`` then ``DynamicFrame.fromDF`` then
``unnest_ddb_json``) and on export reads (the ``Item`` column). Left as it was, the call fails on a
DataFrame. ``g2l_helpers.unmarshal_dynamodb`` does the same on a one-column frame; it keeps only the
item's attributes, so the site stays flagged for a frame that may hold other columns.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert import build
from g2l_core.convert.model import Kind
from g2l_core.convert.rules import Outcome, Rule, Site, glue_method


class UnnestDdbJson(Rule):
    DESCRIPTION = "`dyf.unnest_ddb_json()` -> `g2l_helpers.unmarshal_dynamodb(dyf, dyf.columns[0])`, flagged"
    API = "DynamicFrame.unnest_ddb_json"
    MATCHER = glue_method("unnest_ddb_json")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and not site.original.args and site.kind(site.original_receiver()) is not Kind.RDD

    def rewrite(self, site: Site) -> Outcome:
        frame = site.receiver()
        if not isinstance(frame, cst.Name):
            site.flag(self, "unnest_ddb_json on an expression: assign the frame to a name, then use "
                            "g2l_helpers.unmarshal_dynamodb(frame, <item column>)")
            return None
        column = cst.Subscript(build.attribute(frame, "columns"), [cst.SubscriptElement(cst.Index(cst.Integer("0")))])
        site.flag(self, "DynamoDB JSON of the frame's first column unmarshalled into top-level columns; other "
                        "columns are not kept: check the frame holds only the item (Item / NewImage)")
        return build.call(site.helper("unmarshal_dynamodb"), frame, column)


class SimplifyDdbJson(Rule):
    DESCRIPTION = "`dyf.simplify_ddb_json()` -> `g2l_helpers.simplify_dynamodb(dyf)`"
    API = "DynamicFrame.simplify_ddb_json"
    MATCHER = glue_method("simplify_ddb_json")

    def matches(self, site: Site) -> bool:
        return super().matches(site) and not site.original.args and site.kind(site.original_receiver()) is not Kind.RDD

    def rewrite(self, site: Site) -> Outcome:
        site.with_helper(self, "each DynamoDB-typed column becomes its plain value; other columns stay")
        return build.call(site.helper("simplify_dynamodb"), site.receiver())


RULES = (UnnestDdbJson, SimplifyDdbJson)
