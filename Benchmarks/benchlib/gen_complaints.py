"""Seeded generator of an insurance-complaints CSV shaped like the public Connecticut dataset.

Columns: Company, File No., Opened, Closed, Coverage, SubCoverage, Reason, SubReason, Disposition,
Conclusion, Recovery, Status. Dates are US MM/DD/YYYY; Closed is empty for open files; Recovery is a money
amount (empty or 0 for most rows); some company names hold commas and quotes, so they are quoted (RFC 4180).

Usage: python -m benchlib.gen_complaints OUT.csv --rows N [--seed S]
"""
import argparse
import datetime
import json
import random

COMPANIES = [
    "Anthem Health Plans, Inc", "ConnectiCare Inc", "Aetna Life Insurance Company",
    "Progressive Direct Insurance Company", "GEICO General Insurance Company",
    "Liberty Mutual Fire Insurance Company", "Allstate Fire and Casualty Insurance Company",
    "UnitedHealthcare Insurance Company", "Cigna Health and Life Insurance Company",
    "Harvard Pilgrim Health Care of Connecticut, Inc.", "Travelers Home and Marine Insurance Company (The)",
    "State Farm Mutual Automobile Insurance Company", "Metropolitan Property and Casualty Ins Co",
    "Oxford Health Insurance, Inc.", "Safeco Insurance Company of America", "Amica Mutual Insurance Company",
    "Nationwide Mutual Insurance Company", "Hartford Fire Insurance Company",
    'Kemper "Preferred" Insurance Company', "USAA Casualty Insurance Company",
]
COVERAGE = {
    "A & H": ["Group", "Individual", "Medicare Supplement", "Dental", "Short Term Medical"],
    "Auto": ["Individual Private Passenger", "Commercial", "Motorcycle"],
    "Homeowners": ["Homeowners", "Condo", "Renters", "Dwelling Fire"],
    "Life & Annuity": ["Individual Life", "Group Life", "Annuity"],
    "Miscellaneous": ["", "Pet", "Travel"],
}
REASONS = {
    "Claim Handling": ["Denial of Claim", "Unsatisfactory Settlement/Offer", "Claim Delays", "CPT Code Issue"],
    "Underwriting": ["Cancellation", "Premium/Rating", "Non-Renewal", "Refusal to Insure"],
    "Marketing/Sales": ["Misrepresentation", "Agent Handling", "Advertising"],
    "Utilization Review": ["Medical Necessity", "Experimental/Investigational"],
    "Policyholder Service": ["Premium Refund", "Cash Value", "Delays/No Response"],
}
DISPOSITIONS = ["Claim Settled", "Company Position Upheld", "Complaint Withdrawn", "Furnished Information",
                "Corrective Action", "Referred to Other Agency", "Rate Increase Explained"]
CONCLUSIONS = ["Justified", "Unjustified", "Questionable", "No Jurisdiction", "Voluntary Reconsider"]
HEADER = ["Company", "File No.", "Opened", "Closed", "Coverage", "SubCoverage", "Reason", "SubReason",
          "Disposition", "Conclusion", "Recovery", "Status"]


def _quote(field: str) -> str:
    if any(c in field for c in ',"\n\r'):
        return '"' + field.replace('"', '""') + '"'
    return field


def generate(out_path: str, rows: int, seed: int = 7) -> dict:
    """Writes the CSV (LF line ends, header row); returns a summary (rows, bytes)."""
    rng = random.Random(seed)
    start = datetime.date(2015, 1, 1)
    coverage_keys, reason_keys = list(COVERAGE), list(REASONS)
    written = 0
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        line = ",".join(_quote(h) for h in HEADER) + "\n"
        f.write(line)
        written += len(line.encode())
        buf = []
        for i in range(rows):
            opened = start + datetime.timedelta(days=rng.randint(0, 3650))
            is_open = rng.random() < 0.08
            closed = "" if is_open else (opened + datetime.timedelta(days=rng.randint(1, 240))).strftime("%m/%d/%Y")
            cov = rng.choice(coverage_keys)
            reason = rng.choice(reason_keys)
            recovery = ""
            r = rng.random()
            if r < 0.15:
                recovery = f"{rng.uniform(0, 25000):.2f}"
            elif r < 0.75:
                recovery = "0"
            fields = [rng.choice(COMPANIES), str(100000 + i * 3 + rng.randint(0, 2)), opened.strftime("%m/%d/%Y"),
                      closed, cov, rng.choice(COVERAGE[cov]), reason, rng.choice(REASONS[reason]),
                      "" if is_open else rng.choice(DISPOSITIONS), "" if is_open else rng.choice(CONCLUSIONS),
                      recovery, "Open" if is_open else "Closed"]
            buf.append(",".join(_quote(x) for x in fields) + "\n")
            if len(buf) >= 10000:
                chunk = "".join(buf)
                f.write(chunk)
                written += len(chunk.encode())
                buf.clear()
        chunk = "".join(buf)
        f.write(chunk)
        written += len(chunk.encode())
    return {"rows": rows, "bytes": written}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    print(json.dumps(generate(a.out, a.rows, a.seed)))


if __name__ == "__main__":
    main()
