#!/usr/bin/env python3
"""Generates a realistic insurance-company-complaints CSV (seeded, stdlib only).

The shape follows the public state insurance-department complaints data: columns
Company, File No., Opened, Closed, Coverage, SubCoverage, Reason, SubReason, Disposition,
Conclusion, Recovery, Status. Dates are MM/DD/YYYY, Recovery is dollars ("1234.50") and mostly
zero or empty, some company names are quoted because they hold commas, open complaints have an
empty Closed date.

Usage: generate_complaints.py [ROWS] [OUTPUT] [--seed N]
  ROWS defaults to 3000, OUTPUT to complaints.csv beside this script ("-" writes to stdout).
The same seed and row count always give the same bytes.
"""
import argparse
import csv
import datetime
import io
import pathlib
import random
import sys

COMPANIES = [
    "Allstate Fire and Casualty Insurance Company",
    "Progressive Direct Insurance Company",
    "State Farm Mutual Automobile Insurance Company",
    "GEICO General Insurance Company",
    "Liberty Mutual Fire Insurance Company",
    "Travelers Home and Marine Insurance Company, The",
    "Hartford Fire Insurance Company",
    "Nationwide Mutual Insurance Company",
    "Aetna Life Insurance Company",
    "UnitedHealthcare Insurance Company",
    "Blue Cross and Blue Shield of Texas, a Division of HCSC",
    "Humana Insurance Company",
    "Cigna Health and Life Insurance Company",
    "Metropolitan Life Insurance Company",
    "Prudential Insurance Company of America, The",
    "USAA Casualty Insurance Company",
    "Farmers Insurance Exchange",
    "American Family Mutual Insurance Company, S.I.",
    "Safeco Insurance Company of Indiana",
    "Erie Insurance Exchange",
    "Kemper Independence Insurance Company",
    "Infinity County Mutual Insurance Company",
    "Old American County Mutual Fire Insurance Co.",
    "Lincoln National Life Insurance Company, The",
    "Mutual of Omaha Insurance Company",
    "Transamerica Life Insurance Company",
    "Colonial Penn Life Insurance Company",
    "Root Insurance Company",
    "Lemonade Insurance Company",
    "Assurant, Inc. (American Bankers Insurance Company of Florida)",
]

COVERAGES = {
    "Automobile": ["Private Passenger", "Commercial", "Motorcycle", "Recreational Vehicle"],
    "Homeowners": ["Dwelling Fire", "Homeowners", "Renters", "Condo"],
    "Accident and Health": ["Group A&H", "Individual A&H", "Medicare Supplement", "Dental"],
    "Life & Annuity": ["Individual Life", "Group Life", "Annuity", "Credit Life"],
    "Miscellaneous": ["Credit", "Title", "Warranty", "Pet"],
}

REASONS = {
    "Claim Handling": ["Denial of Claim", "Delays", "Unsatisfactory Settlement/Offer",
                       "Claim Procedure", "Comparative Negligence"],
    "Policyholder Service": ["Premium Refund", "Delays/No Response", "Billing", "Misquote"],
    "Underwriting": ["Cancellation", "Nonrenewal", "Premium & Rating", "Refusal to Insure"],
    "Marketing/Sales": ["Misrepresentation", "Agent Handling", "Advertising"],
    "Cost Containment": ["Usual and Customary", "Preexisting Condition", "Network Adequacy"],
}

DISPOSITIONS = {
    "Company Position Upheld": ["No Violation", "Insufficient Information", "Contract Language/Legal Issue"],
    "Claim Settled": ["Additional Payment", "Claim Reopened", "Furnished Information"],
    "Compromised Settlement/Resolution": ["Company Error", "Additional Payment"],
    "Referred to Other Agency": ["Federal Jurisdiction", "Other State", "Referred for Legal Action"],
    "Question of Fact": ["Contract Dispute", "Furnished Information"],
}

CONCLUSIONS = ["Furnished Information", "Justified", "Unjustified", "Questionable",
               "Claim Settled", "Satisfied", "Insufficient Information"]


def money(rng: random.Random) -> str:
    """A Recovery value: mostly 0 or empty, sometimes cents, rarely large."""
    roll = rng.random()
    if roll < 0.35:
        return ""
    if roll < 0.75:
        return "0"
    if roll < 0.80:
        return "0.00"
    dollars = rng.choice([rng.randint(1, 500), rng.randint(100, 5000), rng.randint(1000, 150000)])
    cents = rng.choice([0, 0, 50, rng.randint(0, 99)])
    return f"{dollars}.{cents:02d}"


def rows(count: int, rng: random.Random):
    """Yields `count` complaint rows in the public data set's column order."""
    start = datetime.date(2012, 1, 1)
    file_no = 100000
    for _ in range(count):
        file_no += rng.randint(1, 40)
        opened = start + datetime.timedelta(days=rng.randint(0, 365 * 12))
        is_open = rng.random() < 0.07
        closed = "" if is_open else (opened + datetime.timedelta(days=rng.randint(0, 240))).strftime("%m/%d/%Y")
        coverage = rng.choice(list(COVERAGES))
        reason = rng.choice(list(REASONS))
        yield [
            rng.choice(COMPANIES),
            str(file_no),
            opened.strftime("%m/%d/%Y"),
            closed,
            coverage,
            rng.choice(COVERAGES[coverage]) if rng.random() > 0.04 else "",
            reason,
            rng.choice(REASONS[reason]),
            "" if is_open else rng.choice(list(DISPOSITIONS)),
            "" if is_open else rng.choice(CONCLUSIONS),
            money(rng),
            "Open" if is_open else "Closed",
        ]


HEADER = ["Company", "File No.", "Opened", "Closed", "Coverage", "SubCoverage", "Reason", "SubReason",
          "Disposition", "Conclusion", "Recovery", "Status"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="?", type=int, default=3000)
    parser.add_argument("output", nargs="?", default=str(pathlib.Path(__file__).with_name("complaints.csv")))
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    try:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADER)
        for row in rows(args.rows, rng):
            writer.writerow(row)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
