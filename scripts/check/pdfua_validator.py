"""Run the independent PDF/UA-1 validator (the ``page-validation`` package) on a PDF.

The project's own checks share the blind spots of the code that makes the PDF; a validator
written by others, rule by rule against ISO 14289-1, does not. veraPDF cannot be installed here;
``page-validation`` can. Each failed rule becomes one finding named by the rule's id, with the
validator's message for its first instance.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

PROFILE = "ua1"


class RuleFailure(NamedTuple):
    rule: str
    message: str


def failed_rules(path: Path) -> Iterator[RuleFailure]:
    """Each PDF/UA-1 rule the file fails, as the validator words it.

    A file the validator refuses to read through (a structure cycle, a limit it keeps for
    safety) is reported as one failure, since nothing then vouches for it.
    """
    import page

    try:
        report = page.validate_pdf(str(path), profile=PROFILE)
    except page.PageError as error:  # also its ParseError and SafetyLimitError
        yield RuleFailure("validator-refused", f"the validator could not read the file: {error}")
        return
    for failure in report.failures:
        yield RuleFailure(failure.rule_id, failure.message)
