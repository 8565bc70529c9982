"""GlueContext / SparkContext / Job set-up becomes one ``SparkSession.builder.getOrCreate()``.

The first set-up statement in a scope creates ``spark``; later ones disappear, and GlueContext
variables are renamed to ``spark`` wherever they are used (``names.ContextName``).
``getOrCreate`` returns the existing session on Databricks and starts one anywhere else.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.bindings import GLUE_CONTEXT_PARAMS
from g2l_core.convert.model import CONVERTED, Kind
from g2l_core.convert.rules import LAST, REMOVE, Outcome, ReplaceStatement, Rule, Site, glue_method

SESSION = "SparkSession.builder.getOrCreate"


def create_session(site: Site) -> cst.Call:
    site.need_import("pyspark.sql", "SparkSession")
    return build.call(SESSION)


ANSI_COMMENT = "# As on Glue: ANSI mode off, so bad casts, overflow and division by zero give NULL, not errors."


def ansi_off(site: Site, session: cst.BaseExpression | None) -> list[cst.BaseStatement]:
    """``<session>.conf.set("spark.sql.ansi.enabled", "false")`` once per scope, with a comment saying why.

    Databricks (Spark 4) has ANSI mode on; Glue (Spark 3) has it off, so the same casts, arithmetic and
    SQL text would raise where Glue gave NULL. The session setting covers everything the job runs
    (DataFrame expressions, ``spark.sql`` text, shared modules), which rewriting call sites cannot."""
    if not site.claim_ansi():
        return []
    receiver = session if session is not None else build.call(SESSION)
    conf = build.method(build.attribute(receiver, "conf"), "set", "spark.sql.ansi.enabled", "false")
    site.record("Spark SQL ANSI mode", CONVERTED, "AnsiModeOff",
                "ANSI mode switched off for the session, as on Glue: casts, overflow and division by zero "
                      "give NULL instead of raising")
    line = build.expression_statement(conf)
    return [line.with_changes(leading_lines=[build.comment_line(ANSI_COMMENT)])]


class GlueContextSetup(Rule):
    DESCRIPTION = "`glueContext = GlueContext(sc)` -> `spark = SparkSession.builder.getOrCreate()`"
    API = "GlueContext"
    MATCHER = m.Call(func=m.Name("GlueContext"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.is_glue_class(site.original.func, "GlueContext")

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        if target is None:
            site.converted(self, "GlueContext built inline: use the SparkSession")
            site.add_after(ansi_off(site, None))
            return create_session(site)
        if isinstance(target, cst.Name) and target.value != "spark" and not site.is_context_name(target.value):
            # a global bound otherwise too (`GLUE = None`, see Conversion._glue_context_bindings): the name stays,
            # so the scopes sharing it see the session
            site.converted(self, "the SparkSession replaces the GlueContext under the shared name it was assigned to")
            return ReplaceStatement([build.assign(target, create_session(site)).body[0], *ansi_off(site, target)])
        if isinstance(target, cst.Name):
            if site.claim_spark():
                site.converted(self, "the SparkSession replaces the GlueContext (getOrCreate works on and off Databricks)")
                return ReplaceStatement([build.assign("spark", create_session(site)).body[0],
                                         *ansi_off(site, build.name("spark"))])
            site.converted(self, "the SparkSession created above replaces the GlueContext")
            return REMOVE
        # Held on an object (`self.glue_context = GlueContext(sc)`): the attribute holds the session, named
        # `spark` when it had a GlueContext's conventional name (its uses are renamed alike, names.ContextAttribute).
        new_target = held_session(target)
        if site.has_spark():
            site.converted(self, "the SparkSession created above replaces the GlueContext")
            return ReplaceStatement([build.assign(new_target, build.name("spark")).body[0]])
        site.converted(self, "the SparkSession replaces the GlueContext (getOrCreate works on and off Databricks)")
        return ReplaceStatement([build.assign(new_target, create_session(site)).body[0], *ansi_off(site, new_target)])


def held_session(target: cst.BaseExpression) -> cst.BaseExpression:
    """``obj.glue_context`` -> ``obj.spark``; any other target stays as it is."""
    if isinstance(target, cst.Attribute) and target.attr.value in GLUE_CONTEXT_PARAMS:
        return target.with_changes(attr=cst.Name("spark"))
    return target


def _creates_session(statement) -> bool:
    return isinstance(statement, cst.Assign) and isinstance(statement.value, cst.Call) and (
        isinstance(statement.value.func, cst.Attribute) and statement.value.func.attr.value == "getOrCreate")


SPARK_CONTEXT_NOTE = ("the SparkContext is taken from the SparkSession; Databricks shared and serverless compute "
                      "have none: use the SparkSession instead")


class SparkContextSetup(Rule):
    DESCRIPTION = "`sc = SparkContext()` in a Glue script -> the SparkSession (and `sc = spark.sparkContext` if still used)"
    API = "SparkContext"
    MATCHER = m.Call(func=m.Name("SparkContext")) | m.Call(
        func=m.Attribute(value=m.Name("SparkContext"), attr=m.Name("getOrCreate"))
    )

    def matches(self, site: Site) -> bool:
        return (
            super().matches(site)
            and site.imports_glue  # only in modules that import awsglue
            and (isinstance(site.assigned_to(), cst.Name) or is_self_attribute(site.assigned_to()))
        )

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        if isinstance(target, cst.Attribute):
            return self._held(site, target)
        assert isinstance(target, cst.Name)
        statements = []
        # In an except handler the session made in the try may never have been bound: make it here too.
        if site.claim_spark() or site.in_handler():
            conf = site.arg(-1, "conf")
            session = create_session(site) if conf is None else build.method(
                build.method(build.dotted("SparkSession.builder"), "config", conf=conf), "getOrCreate")
            site.need_import("pyspark.sql", "SparkSession")
            statements.append(build.assign("spark", session).body[0])
        if used_elsewhere(site, target.value):
            statements.append(build.assign(target.value, build.dotted("spark.sparkContext")).body[0])
            site.flag(self, SPARK_CONTEXT_NOTE)
        else:
            site.converted(self, "SparkContext only fed the GlueContext; the SparkSession replaces both")
        if statements and statements[0] is not None and site.has_spark() and (
            _creates_session(statements[0])
        ):
            statements[1:1] = ansi_off(site, build.name("spark"))
        return ReplaceStatement(statements)

    def _held(self, site: Site, target: cst.Attribute) -> Outcome:
        """``self.sc = SparkContext.getOrCreate()``: gone when it only fed the GlueContext, else taken from the
        session (and flagged)."""
        if not any(self._feeds_more_than_glue(site, use) for use in site.self_attribute_uses(target.attr.value)):
            site.converted(self, "SparkContext only fed the GlueContext; the SparkSession replaces both")
            conf = site.arg(-1, "conf")
            if conf is None:
                return REMOVE
            # its configuration goes to the session, built here so the getOrCreate() calls after it get it
            session = build.method(build.method(build.dotted("SparkSession.builder"), "config", conf=conf),
                                   "getOrCreate")
            site.need_import("pyspark.sql", "SparkSession")
            return ReplaceStatement([build.expression_statement(session).body[0]])
        site.flag(self, SPARK_CONTEXT_NOTE)
        return ReplaceStatement([build.assign(target, build.attribute(create_session(site), "sparkContext")).body[0]])

    @staticmethod
    def _feeds_more_than_glue(site: Site, node: cst.CSTNode) -> bool:
        parent = site.parent(node)
        if isinstance(parent, cst.AssignTarget):
            return False
        if isinstance(parent, cst.Arg):
            call = site.parent(parent)
            if isinstance(call, cst.Call) and site.is_glue_class(call.func, "GlueContext"):
                return False
        return True


def used_elsewhere(site: Site, name: str) -> bool:
    """``name`` (a SparkContext variable) is read for more than building a GlueContext."""
    for node in site.uses_of(name):
        parent = site.parent(node)
        if isinstance(parent, cst.AssignTarget):
            continue
        if isinstance(parent, cst.Arg):
            call = site.parent(parent)
            if isinstance(call, cst.Call) and site.is_glue_class(call.func, "GlueContext"):
                continue
        return True
    return False


SPARK_CONTEXT_BUILT = ("a SparkContext is built here; Databricks shared and serverless compute have none: build the "
                       "session instead (SparkSession.builder.config(conf=conf).getOrCreate()) and use it")


def feeds_glue_context(site: Site, node: cst.CSTNode) -> bool:
    """``node`` is an argument of ``GlueContext(...)``, which goes with the call (``GlueContextSetup``)."""
    arg = site.parent(node)
    call = site.parent(arg) if isinstance(arg, cst.Arg) else None
    return isinstance(call, cst.Call) and site.is_glue_class(call.func, "GlueContext")


class SparkContextLeft(Rule):
    DESCRIPTION = ("`SparkContext(...)` / `SparkContext.getOrCreate(...)` that no set-up rule replaces (a factory's "
                   "`return`, an argument of another call, an except fallback) is flagged: Databricks shared and "
                   "serverless compute have no SparkContext")
    API = "SparkContext"
    MATCHER = SparkContextSetup.MATCHER
    PRIORITY = LAST

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.imports_glue and site.kind(site.original) is Kind.SPARK_CONTEXT and (
            not feeds_glue_context(site, site.original))

    def rewrite(self, site: Site) -> Outcome:
        site.flag(self, SPARK_CONTEXT_BUILT)
        return None


class SparkContextRead(Rule):
    DESCRIPTION = ("`spark.sparkContext` read in a Glue module (`spark.sparkContext.setLogLevel(...)`, "
                   "`sc = spark.sparkContext` used for more than the GlueContext) is flagged: Databricks shared and "
                   "serverless compute have no SparkContext")
    API = "SparkContext"
    NODE = cst.Attribute
    MATCHER = m.Attribute(attr=m.Name("sparkContext"))

    def matches(self, site: Site) -> bool:
        if not super().matches(site) or not site.imports_glue or feeds_glue_context(site, site.original):
            return False
        if isinstance(site.parent(site.original), cst.AssignTarget):
            return False
        assign = site.parent(site.original)  # `sc = spark.sparkContext` only feeding GlueContext(sc)
        if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
            return used_elsewhere(site, assign.targets[0].target.value)
        return True

    def rewrite(self, site: Site) -> Outcome:
        site.flag(self, SPARK_CONTEXT_NOTE)
        return None


class SparkContextReadForGlue(Rule):
    DESCRIPTION = "`sc = spark.sparkContext` whose `sc` only feeds `GlueContext(sc)` is removed with the GlueContext"
    API = "SparkContext"
    NODE = cst.SimpleStatementLine
    MATCHER = m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(target=m.Name())],
                                                   value=m.Attribute(attr=m.Name("sparkContext")))])

    def matches(self, site: Site) -> bool:
        body = site.original.body
        if not (len(body) == 1 and isinstance(body[0], cst.Assign) and isinstance(body[0].value, cst.Attribute)
                and body[0].value.attr.value == "sparkContext"):  # cheap checks before the matcher
            return False
        return (m.matches(site.original, self.MATCHER) and site.imports_glue
                and not used_elsewhere(site, body[0].targets[0].target.value))  # type: ignore[attr-defined]

    def rewrite(self, site: Site) -> Outcome:
        site.converted(self, "the SparkContext only fed the GlueContext; the SparkSession replaces both")
        return REMOVE


class SparkSessionSeen(Rule):
    DESCRIPTION = "An existing `spark = SparkSession.builder...getOrCreate()` means no new one is needed"
    API = "SparkSession"
    MATCHER = m.Call(func=m.Attribute(attr=m.Name("getOrCreate")))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.kind(site.original) is Kind.SPARK_SESSION

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        if isinstance(target, cst.Name) and target.value == "spark":
            site.claim_spark()
        if isinstance(target, cst.Name):
            site.add_after(ansi_off(site, target))
        return None


class JobObject(Rule):
    DESCRIPTION = ("`job = Job(glueContext)` is removed (Databricks jobs need no job object); a job object passed "
                   "around or kept becomes `g2l_helpers.NoOpJob()`, whose init and commit do nothing")
    API = "Job"
    MATCHER = m.Call(func=m.Name("Job"))

    def matches(self, site: Site) -> bool:
        return super().matches(site) and site.is_glue_class(site.original.func, "Job")

    def rewrite(self, site: Site) -> Outcome:
        target = site.assigned_to()
        if isinstance(target, cst.Name):
            uses = site.uses_of(target.value)
        elif is_self_attribute(target):
            uses = site.self_attribute_uses(target.attr.value)  # type: ignore[union-attr]
        else:
            return self._stand_in(site, [], "the Job object is used as a value")
        other = [use for use in uses if not isinstance(site.parent(use), cst.AssignTarget)
                 and not is_init_or_commit(site, use)]
        if not other:
            site.converted(self, "removed with its init/commit calls: Databricks jobs need no Job object")
            return REMOVE
        return self._stand_in(site, other, f"{site.code(target)} is used besides init/commit")  # type: ignore[arg-type]

    def _stand_in(self, site: Site, uses: list[cst.CSTNode], why: str) -> Outcome:
        """``g2l_helpers.NoOpJob()``: what takes or returns the job keeps working, with nothing to init or
        commit. Flagged when something reads the job for more than init/commit/isInitialized."""
        unknown = [use for use in uses if isinstance(site.parent(use), cst.Attribute)
                   and site.parent(use).value is use and site.parent(use).attr.value not in JOB_METHODS]  # type: ignore[union-attr]
        message = f"{why}: g2l_helpers.NoOpJob stands in for it (init and commit do nothing, as on Databricks)"
        if unknown:
            site.flag(self, f"{message}; {site.code(site.parent(unknown[0]))} has no stand-in: remove it by hand")
        else:
            site.with_helper(self, message)
        return build.call(site.helper("NoOpJob"))


JOB_METHODS = ("init", "commit", "isInitialized")


class JobType(Rule):
    DESCRIPTION = "`Job` as a type (`job: Optional[Job]`, `-> Tuple[SparkSession, Job]`) -> `g2l_helpers.NoOpJob`"
    API = "Job"
    NODE = cst.Name
    MATCHER = m.Name("Job")

    def matches(self, site: Site) -> bool:
        qualified = site.glue_name()
        if not qualified or qualified.rsplit(".", 1)[-1] != "Job":
            return False
        parent = site.parent(site.original)
        if isinstance(parent, cst.Call) and parent.func is site.original:  # Job(glueContext): JobObject
            return False
        if isinstance(parent, cst.Attribute) and parent.value is site.original:  # Job.continuation_options()
            return False
        if isinstance(parent, cst.AssignTarget):  # `Job = None`, a fallback, binds the name
            return False
        statement = site.statement or next((p for p in site.ancestors() if isinstance(p, cst.SimpleStatementLine)), None)
        return not (isinstance(statement, cst.SimpleStatementLine) and held_declaration(site, statement))

    def rewrite(self, site: Site) -> Outcome:
        site.consume()
        return site.helper("NoOpJob")


JOB_ATTRIBUTES = ("job", "glue_job")


def is_self_attribute(node) -> bool:
    return isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self"


def is_init_or_commit(site: Site, use: cst.Attribute) -> bool:
    """``<use>.init(...)`` or ``<use>.commit()`` as a statement of its own."""
    method = site.parent(use)
    call = site.parent(method) if isinstance(method, cst.Attribute) else None
    if not (isinstance(method, cst.Attribute) and method.attr.value in ("init", "commit") and isinstance(call, cst.Call)):
        return False
    expr = site.parent(call)
    return isinstance(expr, cst.Expr) and isinstance(site.parent(expr), cst.SimpleStatementLine)


class JobInitCommit(Rule):
    DESCRIPTION = "`job.init(...)` / `job.commit()` are removed"
    API = "Job"
    MATCHER = glue_method("init", "commit")

    def matches(self, site: Site) -> bool:
        if not super().matches(site):
            return False
        receiver = site.original_receiver()
        kind = site.kind(receiver)
        if kind is Kind.JOB:
            return True
        # `self.job.commit()` in a subclass whose base class (another module) held the Job: Glue's call shapes only
        args = site.original.args
        return kind is None and is_self_attribute(receiver) and receiver.attr.value in JOB_ATTRIBUTES and (  # type: ignore[attr-defined]
            (site.original.func.attr.value == "commit" and not args)  # type: ignore[attr-defined]
            or (site.original.func.attr.value == "init" and len(args) == 2))  # type: ignore[attr-defined]

    def rewrite(self, site: Site) -> Outcome:
        method = site.original.func.attr.value  # type: ignore[attr-defined]
        api = f"Job.{method}"
        if not site.is_statement():
            site.flag(self, f"job.{method}() used as a value; remove it by hand", api)
            return None
        if method == "commit" and site.bookmarks:
            site.converted(self, "removed; bookmark state is replaced as noted at the bookmarked reads", api)
        else:
            site.converted(self, "removed: Databricks runs need no init/commit", api)
        return REMOVE


class SelfAssignment(Rule):
    DESCRIPTION = ("`spark = spark` (or `self.spark = self.spark`), left once `spark = glueContext.spark_session` "
                   "is renamed, is removed")
    NODE = cst.SimpleStatementLine
    MATCHER = m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(target=m.Name("spark"))],
                                                   value=m.Name("spark"))])

    def matches(self, site: Site) -> bool:
        body = site.updated.body
        # Cheap checks first: m.matches on every hot statement would cost a twentieth of a parse.
        if not (len(body) == 1 and isinstance(body[0], cst.Assign) and len(body[0].targets) == 1):
            return False
        value, target = body[0].value, body[0].targets[0].target
        if isinstance(value, cst.Attribute) and value.attr.value == "spark" and is_self_attribute(value):
            return is_self_attribute(target) and target.attr.value == "spark"  # type: ignore[attr-defined]
        return isinstance(value, cst.Name) and value.value == "spark" and m.matches(site.updated, self.MATCHER)

    def rewrite(self, site: Site) -> Outcome:
        return REMOVE


def held_declaration(site: Site, statement: cst.SimpleStatementLine) -> cst.Name | None:
    """The Glue class of a class-level declaration of a held Glue object (``job: Job``, ``job: Optional[Job] =
    None``, ``glue_context: GlueContext = field(init=False)``); None for any other statement. A declaration
    with a value other than None or a ``field(...)`` of a dataclass is left alone."""
    body = statement.body
    if not (len(body) == 1 and isinstance(body[0], cst.AnnAssign) and isinstance(body[0].target, cst.Name)):
        return None
    value = body[0].value
    if value is not None and not (isinstance(value, cst.Name) and value.value == "None") and not (
            isinstance(value, cst.Call) and _called(value.func) == "field"):
        return None
    if not isinstance(site.parent(site.parent(statement)), cst.ClassDef):
        return None
    annotation = body[0].annotation.annotation
    if isinstance(annotation, cst.Subscript) and _called(annotation.value) == "Optional" and len(annotation.slice) == 1:
        annotation = getattr(annotation.slice[0].slice, "value", annotation)
    if not isinstance(annotation, cst.Name):
        return None
    if site.is_glue_class(annotation, "Job"):
        # a default the class's methods may read before setting it stays, typed as the stand-in (JobType)
        kept = value is not None and any(
            not isinstance(site.parent(use), cst.AssignTarget) and not is_init_or_commit(site, use)
            for use in site.self_attribute_uses(body[0].target.value, site.parent(site.parent(statement))))
        return None if kept else annotation
    if site.is_glue_class(annotation, "GlueContext") and body[0].target.value in GLUE_CONTEXT_PARAMS:
        return annotation
    return None


def _called(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else None


class HeldAnnotation(Rule):
    DESCRIPTION = ("Class-level declarations of held Glue objects: `job: Job` goes with the Job object, "
                   "`glue_context: GlueContext` becomes `spark: SparkSession` (or goes, when `spark` is declared); "
                   "also with a None or dataclass `field(...)` value")
    API = "Job"
    NODE = cst.SimpleStatementLine
    MATCHER = m.SimpleStatementLine(body=[m.AnnAssign(target=m.Name())])

    def matches(self, site: Site) -> bool:
        return held_declaration(site, site.original) is not None

    def rewrite(self, site: Site) -> Outcome:
        glue_class = held_declaration(site, site.original)
        site.consume()
        if site.is_glue_class(glue_class, "Job"):  # type: ignore[arg-type]
            site.converted(self, "class-level Job declaration removed with the Job object", "Job")
            return REMOVE
        declared = {s.body[0].target.value for s in site.parent(site.original).body  # type: ignore[union-attr]
                    if isinstance(s, cst.SimpleStatementLine) and isinstance(s.body[0], cst.AnnAssign)
                    and isinstance(s.body[0].target, cst.Name)}
        if "spark" in declared:
            site.converted(self, "the GlueContext declaration goes: the session is declared as spark", "GlueContext")
            return REMOVE
        site.need_import("pyspark.sql", "SparkSession")
        site.converted(self, "the held GlueContext is the session, spark", "GlueContext")
        # the annotation's GlueContext is SparkSession already (names.TypeRename)
        return site.updated.with_changes(body=[site.updated.body[0].with_changes(target=cst.Name("spark"))])


RULES = (SelfAssignment, HeldAnnotation, GlueContextSetup, SparkContextSetup, SparkContextLeft, SparkContextRead,
         SparkContextReadForGlue, SparkSessionSeen, JobObject, JobType, JobInitCommit)
