"""Which CommonMark examples presenter's Markdown reader gets wrong, grouped by section.

    python tests/commonmark_report.py            # counts, and the failing examples by section
    python tests/commonmark_report.py --details  # each failure's markdown and both shapes
    python tests/commonmark_report.py 148 301    # those examples' markdown and shapes

It compares exactly what ``tests/test_commonmark_spec.py`` compares (see
``tests/commonmark_shape.py``); examples listed in its ``KNOWN_DIFFERENCES`` are counted apart.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from presenter.errors import PresenterError  # noqa: E402
from tests.commonmark_shape import compared, load_examples  # noqa: E402
from tests.test_commonmark_spec import KNOWN_DIFFERENCES  # noqa: E402


def outcome(example: dict) -> tuple[bool, object, object]:
    """``(passed, expected, actual)``; ``actual`` is the refusal's message if presenter refused."""
    try:
        expected, actual = compared(example)
    except PresenterError as error:
        return False, "(a shape)", f"PresenterError: {error.message}"
    return expected == actual, expected, actual


def show(example: dict, expected: object, actual: object) -> None:
    print(f"  ex{example['example']} ({example['section']})")
    print(f"    markdown: {example['markdown']!r}")
    print(f"    expected: {expected!r}")
    print(f"    presenter: {actual!r}")


def main(argv: list[str]) -> int:
    details = "--details" in argv
    wanted = {int(arg) for arg in argv if arg.isdigit()}
    examples = load_examples()
    if wanted:
        for example in examples:
            if example["example"] in wanted:
                passed, expected, actual = outcome(example)
                print("PASS" if passed else "FAIL", end="")
                show(example, expected, actual)
        return 0

    totals: dict[str, int] = defaultdict(int)
    failures: dict[str, list[tuple[dict, object, object]]] = defaultdict(list)
    known = []
    for example in examples:
        totals[example["section"]] += 1
        passed, expected, actual = outcome(example)
        if example["example"] in KNOWN_DIFFERENCES:
            known.append((example, passed))
        elif not passed:
            failures[example["section"]].append((example, expected, actual))

    failed = sum(len(group) for group in failures.values())
    print(f"{len(examples)} examples: {len(examples) - failed - len(known)} pass, {failed} fail, {len(known)} known differences")
    for section, group in sorted(failures.items(), key=lambda item: (-len(item[1]), item[0])):
        numbers = ", ".join(str(example["example"]) for example, _, _ in group)
        print(f"\n{section}: {len(group)} of {totals[section]} fail: {numbers}")
        if details:
            for example, expected, actual in group:
                show(example, expected, actual)
    for example, passed in known:
        state = "now passes: take it off the list" if passed else "differs"
        print(f"\nknown difference ex{example['example']} ({state}): {KNOWN_DIFFERENCES[example['example']]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
