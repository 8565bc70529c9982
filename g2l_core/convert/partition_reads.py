"""S3 reads with a ``push_down_predicate``: Glue lists only the Hive-style partitions (``region=ca/``) the
predicate selects, so the rows of the other partitions never reach the job.

The general S3 read rule has no place for the predicate; dropping it silently would make the converted
job process every partition. Here the read keeps it as ``.where(predicate)``: Spark discovers the
partition columns from the ``key=value`` folders and prunes the same folders. ``recursiveFileLookup``
(what ``"recurse": True`` becomes) turns partition discovery off, which would leave the predicate's
columns undefined, so it is dropped from such reads: a Hive-style layout is read in full without it.
"""

from __future__ import annotations

import libcst as cst

from g2l_core.convert.model import CONVERTED, CONVERTED_WITH_HELPER
from g2l_core.convert.reads import OptionsRead, is_sample, read_api, with_predicates
from g2l_core.convert.rules import EARLY, Outcome, Site


def _predicate(site: Site) -> cst.BaseExpression | None:
    return site.arg(-1, "push_down_predicate") if is_sample(site) else site.arg(5, "push_down_predicate")


def without_recursive_lookup(node: cst.BaseExpression) -> tuple[cst.BaseExpression, bool]:
    """The reader chain without its ``.option("recursiveFileLookup", ...)`` call, and whether it had one."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return node, False
    func = node.func
    first = node.args[0].value if node.args else None
    if (func.attr.value == "option" and isinstance(first, cst.SimpleString)
            and first.evaluated_value == "recursiveFileLookup"):
        inner, _ = without_recursive_lookup(func.value)
        return inner, True
    inner, found = without_recursive_lookup(func.value)
    return node.with_changes(func=func.with_changes(value=inner)), found


class PartitionPredicateRead(OptionsRead):
    DESCRIPTION = ("S3 `from_options(..., push_down_predicate=p)` -> `spark.read...load(paths).where(p)` "
                   "(partition columns from Hive-style folders; recursiveFileLookup dropped)")
    PRIORITY = EARLY

    def matches(self, site: Site) -> bool:
        return super().matches(site) and _predicate(site) is not None

    def rewrite(self, site: Site) -> Outcome:
        read = super().rewrite(site)
        if read is None:
            return None
        filtered, helper_used = with_predicates(site, read, [_predicate(site)])
        if filtered is read:
            return read  # an empty predicate: Glue reads every partition too
        filtered, dropped = without_recursive_lookup(filtered)
        message = "push_down_predicate kept as where(): Spark prunes the Hive-style partition folders it names"
        if dropped:
            message += "; recursiveFileLookup dropped, since it turns off the partition discovery the predicate needs"
        site.record(f"{read_api(site)} push_down_predicate", CONVERTED_WITH_HELPER if helper_used else CONVERTED,
                    type(self).__name__, message)
        return filtered


RULES = (PartitionPredicateRead,)
