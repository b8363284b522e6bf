#!/usr/bin/env python3
"""Runs the SQL that the loop pass writes for SQLite against SQLite itself.

The golden cases golden/loop/count-only-sql-sqlite and sql-count-and-sum-sqlite hold, in
expected.ts, what poolfix writes (their golden tests assert it byte for byte). This test takes
the $queryRaw from each, binds its parameters as Prisma's client would, and runs it on rows whose
DateTime column is stored both ways Prisma stores one in SQLite (integer milliseconds and ISO
text, with `Z` and with `+00:00`), with rows exactly on the window bounds. Each window's count
(and sum) must equal what the loop's queries, one per window, would have returned.

usage: sqlite.py GOLDEN_DIR
"""
import datetime
import random
import re
import sqlite3
import sys

UTC = datetime.timezone.utc
TODAY = datetime.datetime(2025, 10, 10, 12, 0, tzinfo=UTC)


def ms(d):
    return int(d.timestamp() * 1000)


def stored(d, i):
    """A DateTime as Prisma may have stored it: integer ms, or ISO text with either offset."""
    if i % 2:
        return ms(d)
    text = d.strftime('%Y-%m-%dT%H:%M:%S.') + f"{d.microsecond // 1000:03d}"
    return text + ('Z' if i % 4 == 0 else '+00:00')


def query_of(path):
    """The SQL of the file's $queryRaw with `?` for each ${...}, and the expressions bound."""
    source = open(path).read()
    match = re.search(r"\$queryRaw`(.*?)`\)", source, re.S)
    if not match:
        sys.exit(f"{path}: no $queryRaw")
    params = []
    sql = re.sub(r"\$\{([^}]*)\}", lambda m: (params.append(m.group(1)), '?')[1], match.group(1))
    return sql, params


def bind(params, bounds):
    """Values for the parameters: window bounds by index, string literals as they are."""
    values = []
    for p in params:
        index = re.fullmatch(r"\w+\[(\d+)\]\[(\d+)\]", p)
        literal = re.fullmatch(r"'([^']*)'", p)
        if index:
            values.append(bounds[int(index.group(1))][int(index.group(2))])
        elif literal:
            values.append(literal.group(1))
        else:
            sys.exit(f"unexpected parameter {p!r}")
    return values


def weekly_counts(golden):
    """count-only-sql-sqlite: three weeks back from today, `gt` the start and `lte` the end."""
    sql, params = query_of(f"{golden}/loop/count-only-sql-sqlite/expected.ts")
    db = sqlite3.connect(':memory:')
    db.execute('CREATE TABLE "assessments" (id INTEGER PRIMARY KEY, "assessment_date" DATETIME NOT NULL, '
               '"subject_code" TEXT)')
    windows = [(TODAY - datetime.timedelta(days=(w + 1) * 7), TODAY - datetime.timedelta(days=w * 7))
               for w in range(3)]
    random.seed(1)
    rows = []
    for i in range(400):
        d = TODAY - datetime.timedelta(milliseconds=random.randint(0, 30 * 86400000))
        if i % 50 == 0:
            d = TODAY - datetime.timedelta(days=7 * (i % 4))  # on a bound
        subject = random.choice(['math', 'khmer'])
        rows.append((d, subject))
        db.execute('INSERT INTO assessments VALUES (?, ?, ?)', (i, stored(d, i), subject))
    got = [r[0] for r in db.execute(sql, bind(params, [[ms(a), ms(b)] for a, b in windows]))]
    want = [sum(1 for d, s in rows if s == 'math' and a < d <= b) for a, b in windows]
    return 'weekly counts', got, want


def monthly_sums(golden):
    """sql-count-and-sum-sqlite: four calendar months, a count and an Int sum per month."""
    sql, params = query_of(f"{golden}/loop/sql-count-and-sum-sqlite/expected.ts")
    db = sqlite3.connect(':memory:')
    db.execute('CREATE TABLE "sales" (id INTEGER PRIMARY KEY, quantity INTEGER NOT NULL, price REAL NOT NULL, '
               'region TEXT NOT NULL, "sold_at" DATETIME NOT NULL)')

    def month_start(y, m):
        while m <= 0:
            m += 12
            y -= 1
        return datetime.datetime(y, m, 1, tzinfo=UTC)

    windows = [(month_start(2025, 10 - i), month_start(2025, 11 - i)) for i in range(4)]
    random.seed(2)
    rows = []
    for i in range(300):
        d = TODAY - datetime.timedelta(milliseconds=random.randint(0, 130 * 86400000))
        if i % 40 == 0:
            d = windows[i % 4][0]  # on a bound
        quantity, region = random.randint(1, 9), random.choice(['north', 'south'])
        rows.append((d, quantity, region))
        db.execute('INSERT INTO sales VALUES (?, ?, 1.5, ?, ?)', (i, quantity, region, stored(d, i)))
    got = [tuple(r) for r in db.execute(sql, bind(params, [[ms(a), ms(b)] for a, b in windows]))]
    want = []
    for a, b in windows:
        sold = [q for d, q, region in rows if region == 'north' and a <= d < b]
        want.append((len(sold), sum(sold) if sold else None))
    return 'monthly counts and sums', got, want


def main():
    golden = sys.argv[1]
    failed = False
    for check in (weekly_counts, monthly_sums):
        name, got, want = check(golden)
        ok = got == want and any(want)
        failed |= not ok
        print(f"{'ok' if ok else 'FAILED'}: {name}: SQLite returned {got}, the per-window queries {want}")
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
