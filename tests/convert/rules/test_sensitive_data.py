"""Before -> after for ``g2l_core.convert.sensitive_data``: Glue Studio's Detect Sensitive Data node."""

import textwrap

from rule_cases import check_cases

BEFORE = textwrap.dedent('''\
    from awsglueml.transforms import EntityDetector

    TYPES = ["EMAIL", "PERSON_NAME"]


    def mask(frame):
        detector = EntityDetector()
        return detector.detect(frame, TYPES, "DetectedEntities")
''')
AFTER = textwrap.dedent('''\
    import g2l_helpers

    TYPES = ["EMAIL", "PERSON_NAME"]


    def mask(frame):
        # g2l: review: Detect Sensitive Data: g2l_helpers.SensitiveDataDetector finds fixed-shape entity types with regular expressions where Glue also used machine learning; check what it masks on real data; no regular expression for PERSON_NAME (person names, addresses and custom types raise): add a pattern to SensitiveDataDetector.PATTERNS or use an NER model
        detector = g2l_helpers.SensitiveDataDetector()
        return detector.detect(frame, TYPES, "DetectedEntities")
''')
# Someone else's EntityDetector is left alone.
OTHER = textwrap.dedent('''\
    from nlp.entities import EntityDetector

    detector = EntityDetector()
''')
CASES = [
    (BEFORE, AFTER, [(7, "EntityDetector", "flagged", "EntityDetectorNew")]),
    (OTHER, OTHER, []),
]

test_conversion, test_idempotent, test_no_unflagged_residue_and_valid_python, \
    test_flagged_sites_carry_review_comment = check_cases(CASES)
