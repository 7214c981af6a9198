#!/usr/bin/env python3
"""An independent computation of the report's statistics, for tests/report_numpy.rs.

Reads a results file (CSV, UTF-8 with BOM) and a JSON description of each
bank (its questions' keys, choices and points, and its scoring), and prints
as JSON, per bank, the question statistics and the bank figures that
`union-quiz report --by question` and `--by bank` compute.

It shares no code with the Rust report. The definitions are Moodle's
(question/classes/statistics/questions/calculator.php and
mod/quiz/report/statistics/classes/calculator.php), written here in the
forms numpy makes natural, which are algebraically the same but computed
differently: covariance matrices (np.cov), np.corrcoef, Cronbach's alpha as
p/(p-1)·(1 − trace(C)/ΣC), and skewness and kurtosis in Excel's SKEW and
KURT forms rather than Moodle's k-statistics.

Usage: report_numpy.py RESULTS.csv BANKS.json > figures.json
"""

import csv
import json
import sys
from datetime import datetime

import numpy as np


def score(question, chosen, scoring):
    """Points for `chosen` (a set of choice indices)."""
    answer = set(question["answer"])
    points = question["points"]
    if scoring == "all_or_nothing":
        return points if chosen == answer else 0.0
    right = len(chosen & answer)
    wrong = len(chosen) - right
    return points * max(0.0, (right - wrong) / len(answer))


def parse_answers(field):
    """[(question id, set of choice indices)] from `id:LETTERS;…`."""
    out = []
    for part in field.split(";"):
        if not part.strip() or ":" not in part:
            continue
        qid, letters = part.rsplit(":", 1)
        chosen = {ord(c) - ord("A") for c in letters.strip().upper() if "A" <= c <= "J"}
        out.append((qid.strip(), chosen))
    return out


def first_attempts(rows):
    """One row per member and bank: the earliest finished."""
    best = {}
    for row in rows:
        key = (row["bank_id"], row["member_name"], row["member_code"], row["unit"])
        when = datetime.fromisoformat(row["finished_at"])
        if key not in best or when < best[key][0]:
            best[key] = (when, row)
    return [r for _, r in best.values()]


def none_if_nan(v):
    return None if v is None or not np.isfinite(v) else float(v)


def question_figures(bank, attempts):
    """Per question, over the counted attempts that showed it."""
    questions = bank["questions"]
    index = {q["id"]: i for i, q in enumerate(questions)}
    # Per attempt: {question index: (score, chosen)}, total, available, percent.
    scored = []
    for row in attempts:
        items = {}
        for qid, chosen in parse_answers(row["answers"]):
            if qid not in index or index[qid] in items:
                continue
            q = questions[index[qid]]
            chosen = {c for c in chosen if c < len(q["choices"])}
            items[index[qid]] = (score(q, chosen, bank["scoring"]), chosen)
        total = sum(s for s, _ in items.values())
        available = sum(questions[i]["points"] for i in items)
        scored.append((items, total, available, float(row["percent"])))

    cov_total = []
    for qi in range(len(questions)):
        seen = [(it[qi][0], tot) for it, tot, _, _ in scored if qi in it]
        if len(seen) < 2:
            cov_total.append(None)
            continue
        c = np.cov(np.array(seen).T, ddof=1)
        cov_total.append(c[0, 1])
    roots = sum(np.sqrt(c) for c in cov_total if c is not None and c >= 0)

    out = []
    for qi, q in enumerate(questions):
        seen = [(it[qi], tot, avail, pct) for it, tot, avail, pct in scored if qi in it]
        x = np.array([s for (s, _), _, _, _ in seen], dtype=float)
        total = np.array([t for _, t, _, _ in seen], dtype=float)
        rest = total - x
        n = len(x)
        points = q["points"]
        fig = {"question": q["id"], "shown": n}
        fig["facility"] = 100 * x.mean() / points if n else None
        fig["sd"] = 100 * x.std(ddof=1) / points if n > 1 else None
        fig["random_guess"] = 100 / len(q["choices"]) if len(q["answer"]) == 1 else None
        fig["intended_weight"] = (
            100 * points / np.mean([a for _, _, a, _ in seen]) if n else None
        )
        ct = cov_total[qi]
        fig["effective_weight"] = (
            100 * np.sqrt(ct) / roots if ct is not None and ct >= 0 and roots > 0 else None
        )
        if n > 1 and x.var() > 0 and rest.var() > 0:
            fig["discrimination"] = np.corrcoef(x, rest)[0, 1]
        else:
            fig["discrimination"] = None
        if n > 1:
            cov = np.cov(x, rest, ddof=1)[0, 1]
            cov_max = np.cov(np.sort(x), np.sort(rest), ddof=1)[0, 1]
            fig["discriminative_efficiency"] = 100 * cov / cov_max if abs(cov_max) > 1e-12 else None
        else:
            fig["discriminative_efficiency"] = None
        choices = []
        for ci in range(len(q["choices"])):
            who = [pct for (_, chosen), _, _, pct in seen if ci in chosen]
            choices.append(
                {"chosen": len(who), "mean_percent": float(np.mean(who)) if who else None}
            )
        fig["choices"] = choices
        fig["blank"] = sum(1 for (_, chosen), _, _, _ in seen if not chosen)
        out.append({k: none_if_nan(v) if isinstance(v, (float, np.floating)) else v
                    for k, v in fig.items()})
    return out, scored


def bank_figures(bank, scored):
    """Mean, median, SD, skewness, kurtosis of percents; alpha on scores."""
    p = np.array([pct for _, _, _, pct in scored], dtype=float)
    n = len(p)
    fig = {"members": n, "mean": p.mean(), "median": float(np.median(p))}
    sd = p.std(ddof=1) if n > 1 else None
    fig["sd"] = sd
    if n > 2 and sd and sd > 0:
        z = (p - p.mean()) / sd
        fig["skewness"] = n / ((n - 1) * (n - 2)) * np.sum(z**3)
    else:
        fig["skewness"] = None
    if n > 3 and sd and sd > 0:
        z = (p - p.mean()) / sd
        fig["kurtosis"] = (
            n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * np.sum(z**4)
            - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))
        )
    else:
        fig["kurtosis"] = None
    sets = {tuple(sorted(items)) for items, _, _, _ in scored}
    if len(sets) == 1 and n > 2 and len(next(iter(sets))) > 1:
        order = next(iter(sets))
        m = np.array([[items[i][0] for i in order] for items, _, _, _ in scored])
        c = np.cov(m, rowvar=False, ddof=1)
        k = len(order)
        alpha = k / (k - 1) * (1 - np.trace(c) / c.sum())
        fig["alpha"] = alpha
        fig["error_ratio"] = 100 * np.sqrt(1 - alpha)
        fig["standard_error"] = fig["error_ratio"] * sd / 100
    else:
        fig["alpha"] = fig["error_ratio"] = fig["standard_error"] = None
    return {k: none_if_nan(v) if isinstance(v, (float, np.floating)) else v for k, v in fig.items()}


def main():
    results, banks_path = sys.argv[1], sys.argv[2]
    with open(results, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(banks_path, encoding="utf-8") as f:
        banks = json.load(f)
    counted = first_attempts(rows)
    out = {}
    for bank in banks:
        attempts = [r for r in counted if r["bank_id"] == bank["id"]]
        questions, scored = question_figures(bank, attempts)
        out[bank["id"]] = {"questions": questions, "bank": bank_figures(bank, scored)}
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
