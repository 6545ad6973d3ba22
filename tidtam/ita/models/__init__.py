"""The ITA: the framework of a fiscal year as data, and each agency's assessment."""

from tidtam.ita.models.assessment import (
    Assessment,
    Contractor,
    DivisionStaff,
    ItaRole,
    Population,
)
from tidtam.ita.models.framework import (
    AnswerOption,
    Framework,
    Indicator,
    OitItem,
    Question,
    RespondentGroup,
    ResultLevel,
    SubIndicator,
    Tool,
    ToolPart,
)
from tidtam.ita.models.oit import OitEntry, OitEvidence
from tidtam.ita.models.survey import AccessCode, Answer, CodeBatch, Response

__all__ = [
    "AccessCode",
    "Answer",
    "AnswerOption",
    "Assessment",
    "CodeBatch",
    "Contractor",
    "DivisionStaff",
    "Framework",
    "Indicator",
    "ItaRole",
    "OitEntry",
    "OitEvidence",
    "OitItem",
    "Population",
    "Question",
    "RespondentGroup",
    "Response",
    "ResultLevel",
    "SubIndicator",
    "Tool",
    "ToolPart",
]
