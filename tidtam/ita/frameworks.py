"""Load a year's framework from its JSON description (framework_data/framework_YYYY.json).

The loader takes ``get_model`` so that a data migration can pass ``apps.get_model``."""

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "framework_data"


def read(fiscal_year: int) -> dict:
    return json.loads((DATA / f"framework_{fiscal_year}.json").read_text(encoding="utf-8"))


def load(data: dict, get_model: Callable[[str, str], type]) -> object:
    """Create the framework described by ``data``; an existing one of the year is left alone."""
    model = lambda name: get_model("ita", name)  # noqa: E731
    existing = model("Framework").objects.filter(fiscal_year=data["fiscal_year"]).first()
    if existing is not None:
        return existing
    framework = model("Framework").objects.create(
        fiscal_year=data["fiscal_year"],
        name=data["name"],
        rounding=data["rounding"],
        decimal_places=data["decimal_places"],
        iit_minimum_percent=Decimal(data["iit_minimum_percent"]),
        eit_default_target=data["eit_default_target"],
        notes=data.get("notes", ""),
    )
    for order, level in enumerate(reversed(data["levels"])):
        each = level.get("min_each_tool")
        model("ResultLevel").objects.create(
            framework=framework,
            name=level["name"],
            min_total=Decimal(level["min_total"]),
            min_each_tool=Decimal(each) if each is not None else None,
            order=order,
        )
    item_order = 0
    for t_order, spec in enumerate(data["tools"]):
        tool = model("Tool").objects.create(
            framework=framework,
            code=spec["code"],
            name=spec["name"],
            kind=spec["kind"],
            weight=Decimal(spec["weight"]),
            order=t_order,
        )
        for g_order, (code, name) in enumerate(spec.get("groups", [])):
            model("RespondentGroup").objects.create(tool=tool, code=code, name=name, order=g_order)
        parts = {
            code: model("ToolPart").objects.create(tool=tool, code=code, name=name, order=p_order)
            for p_order, (code, name) in enumerate(spec.get("parts", []))
        }
        q_order = 0
        for i_order, ind in enumerate(spec["indicators"]):
            indicator = model("Indicator").objects.create(
                tool=tool,
                part=parts.get(ind.get("part")),
                number=ind["number"],
                name=ind["name"],
                order=i_order,
            )
            for code, text, scale, polarity in ind.get("questions", []):
                q_order += 1
                question = model("Question").objects.create(
                    indicator=indicator, code=code, text=text, polarity=polarity, order=q_order
                )
                for o_order, (label, points) in enumerate(data["scales"][scale]):
                    model("AnswerOption").objects.create(
                        question=question, label=label, points=Decimal(points), order=o_order
                    )
            for s_order, (code, name, items) in enumerate(ind.get("subs", [])):
                sub = model("SubIndicator").objects.create(
                    indicator=indicator, code=code, name=name, order=s_order
                )
                for item in items:
                    item_order += 1
                    model("OitItem").objects.create(
                        sub_indicator=sub,
                        code=item["code"],
                        title=item["title"],
                        evidence=item.get("evidence", ""),
                        tidtam_source=item.get("tidtam_source", ""),
                        order=item_order,
                    )
    return framework
