from pathlib import Path

SAMPLES = Path(__file__).parent / "samples"
SAMPLE = SAMPLES / "legacy-printout-a.txt"


def sample_text(name: str = "legacy-printout-a.txt") -> str:
    return (SAMPLES / name).read_bytes().decode("utf-8")


def covered(result) -> bool:
    """Every non-empty line went into a field, the form's furniture, or ``unparsed``."""
    non_empty = {n for n, line in enumerate(result.lines, start=1) if line.strip()}
    unparsed = {item["line"] for item in result.unparsed}
    return non_empty == set(result.line_fields) | unparsed
