"""Glue Studio's Detect Sensitive Data node (``awsglueml.transforms.EntityDetector``) -> the g2l helper
``SensitiveDataDetector``, which has the same ``detect``/``classify_columns`` calls.

Glue finds some entity types with machine learning (person names, addresses); g2l's detector finds the
types that have a fixed shape with regular expressions (e-mail, card and account numbers, phone numbers,
IP and MAC addresses, national ids) and raises for the others. Every site is flagged: what counts as
sensitive decides what leaves the job unmasked, so a person checks the detector against the data."""

from __future__ import annotations

import libcst as cst

import libcst.matchers as m

from g2l_core.convert import build
from g2l_core.convert.rules import Outcome, Rule, Site, predicate

# Entity types the helper's regular expressions cover (the Glue names).
REGEX_TYPES = frozenset({
    "EMAIL", "CREDIT_CARD", "USA_SSN", "USA_ITIN", "PHONE_NUMBER", "USA_PHONE_NUMBER", "IP_ADDRESS",
    "MAC_ADDRESS", "USA_PASSPORT_NUMBER", "BANK_ACCOUNT", "USA_ATIN", "USA_CPT_CODE", "UK_NATIONAL_INSURANCE_NUMBER",
})


class EntityDetectorNew(Rule):
    DESCRIPTION = "`EntityDetector()` -> `g2l_helpers.SensitiveDataDetector()` (regular expressions for fixed-shape types)"
    API = "EntityDetector"
    MATCHER = m.Call(func=m.Name("EntityDetector"))

    def matches(self, site: Site) -> bool:
        return predicate(self.MATCHER)(site.original) and site.is_glue_class(site.original.func, "EntityDetector")

    def rewrite(self, site: Site) -> Outcome:
        types = sorted(self._entity_types(site))
        missing = [t for t in types if t not in REGEX_TYPES]
        message = ("Detect Sensitive Data: g2l_helpers.SensitiveDataDetector finds fixed-shape entity types with "
                   "regular expressions where Glue also used machine learning; check what it masks on real data")
        if missing:
            message += (f"; no regular expression for {', '.join(missing)} (person names, addresses and custom "
                        "types raise): add a pattern to SensitiveDataDetector.PATTERNS or use an NER model")
        site.flag(self, message)
        return build.call(site.helper("SensitiveDataDetector"))

    @staticmethod
    def _entity_types(site: Site) -> set[str]:
        """Entity types named in this module's ``detect``/``classify_columns`` calls (literal lists or
        detection-parameter dicts, followed through module constants)."""
        found: set[str] = set()
        for method in ("detect", "classify_columns"):
            for attr in site.attributes(method):
                call = site.parent(attr)
                if not isinstance(call, cst.Call) or len(call.args) < 2:
                    continue
                try:
                    value = build.literal_value(site.constant(call.args[1].value))
                except ValueError:
                    continue
                if isinstance(value, (list, tuple, dict)):
                    found.update(str(v) for v in value)
        return found


RULES = (EntityDetectorNew,)
