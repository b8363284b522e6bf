#!/usr/bin/env python3
"""Runs the SQL that the loop pass writes for SQLite and for MySQL on those databases.

The golden cases golden/loop/*-sql-sqlite and *-sql-mysql hold, in expected.ts, what poolfix
writes (their golden tests assert it byte for byte). This test takes the $queryRaw from each,
binds its parameters as Prisma's client would, and runs it on rows with some exactly on the
window bounds. Each window's count (and Int sum) must equal what the loop's queries, one per
window, would have returned, computed here from the rows.

- SQLite (Python's sqlite3): the DateTime column stored both ways Prisma stores one there,
  integer milliseconds and ISO text (with `Z` and with `+00:00`).
- MySQL: MariaDB 10.11 from Debian (mariadbd, the mariadb client), the same dialect for this
  SQL: a derived table of windows, CAST(... AS DATETIME(3)), DATETIME(3) columns in UTC. A
  private server is started in a temporary folder, on a socket, and stopped afterwards.

usage: windows.py sqlite|mysql GOLDEN_DIR
"""
import datetime
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

UTC = datetime.timezone.utc
TODAY = datetime.datetime(2025, 10, 10, 12, 0, tzinfo=UTC)


def ms(d):
    return int(d.timestamp() * 1000)


def iso_text(d, i):
    """A DateTime as ISO text, with `Z` or `+00:00` (both are in SQLite databases Prisma wrote)."""
    return d.strftime('%Y-%m-%dT%H:%M:%S.') + f"{d.microsecond // 1000:03d}" + ('Z' if i % 4 == 0 else '+00:00')


def mysql_text(d):
    """What the rewrite binds for MySQL: `toISOString().slice(0, 23).replace('T', ' ')`."""
    return d.strftime('%Y-%m-%d %H:%M:%S.') + f"{d.microsecond // 1000:03d}"


def month_start(y, m):
    while m <= 0:
        m += 12
        y -= 1
    return datetime.datetime(y, m, 1, tzinfo=UTC)


def query_of(path):
    """The SQL of the file's $queryRaw, with the ${...} expressions in order."""
    source = open(path).read()
    match = re.search(r"\$queryRaw`((?:\\.|[^`\\])*)`", source, re.S)
    if not match:
        sys.exit(f"{path}: no $queryRaw")
    params = re.findall(r"\$\{([^}]*)\}", match.group(1))
    return match.group(1).replace('\\`', '`'), params


def bound_values(params, bounds):
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


# --- the cases: rows, windows, and what the per-window queries return -------------------

def weekly_math(dialect):
    """SQLite's count-only case: three weeks back from today, `gt` the start, `lte` the end."""
    windows = [(TODAY - datetime.timedelta(days=(w + 1) * 7), TODAY - datetime.timedelta(days=w * 7))
               for w in range(3)]
    random.seed(1)
    rows = []
    for i in range(400):
        d = TODAY - datetime.timedelta(milliseconds=random.randint(0, 30 * 86400000))
        if i % 50 == 0:
            d = TODAY - datetime.timedelta(days=7 * (i % 4))
        rows.append((i, d, random.choice(['math', 'khmer'])))
    want = [(sum(1 for _, d, s in rows if s == 'math' and a < d <= b),) for a, b in windows]
    table = ('assessments', ['id', 'assessment_date', 'subject_code'])
    return f'{dialect}/count-only-sql-{dialect}', table, rows, windows, want


def monthly_assessments(dialect):
    """MySQL's count-only case: two calendar months, `gte` the start, `lt` the end."""
    windows = [(month_start(2025, 10 - i), month_start(2025, 11 - i)) for i in range(2)]
    random.seed(3)
    rows = []
    for i in range(300):
        d = TODAY - datetime.timedelta(milliseconds=random.randint(0, 70 * 86400000))
        if i % 30 == 0:
            d = windows[i % 2][i % 4 // 2]
        rows.append((i, d, 'math'))
    want = [(sum(1 for _, d, _s in rows if a <= d < b),) for a, b in windows]
    table = ('assessments', ['id', 'assessment_date', 'subject_code'])
    return f'{dialect}/count-only-sql-{dialect}', table, rows, windows, want


def monthly_sales(dialect):
    """Both dialects' count-and-sum case: four calendar months, a count and an Int sum each."""
    windows = [(month_start(2025, 10 - i), month_start(2025, 11 - i)) for i in range(4)]
    random.seed(2)
    rows = []
    for i in range(300):
        d = TODAY - datetime.timedelta(milliseconds=random.randint(0, 130 * 86400000))
        if i % 40 == 0:
            d = windows[i % 4][0]
        rows.append((i, d, random.randint(1, 9), random.choice(['north', 'south'])))
    want = []
    for a, b in windows:
        sold = [q for _, d, q, region in rows if region == 'north' and a <= d < b]
        want.append((len(sold), sum(sold) if sold else None))
    table = ('sales', ['id', 'sold_at', 'quantity', 'region'])
    return f'{dialect}/sql-count-and-sum-{dialect}', table, rows, windows, want


# --- SQLite -----------------------------------------------------------------------------

def run_sqlite(golden):
    results = []
    for case in (weekly_math('sqlite'), monthly_sales('sqlite')):
        name, (table, columns), rows, windows, want = case
        db = sqlite3.connect(':memory:')
        types = {'id': 'INTEGER PRIMARY KEY', 'quantity': 'INTEGER NOT NULL', 'region': 'TEXT NOT NULL',
                 'subject_code': 'TEXT'}
        db.execute(f'CREATE TABLE "{table}" (' + ', '.join(f'"{c}" {types.get(c, "DATETIME NOT NULL")}'
                                                      for c in columns) + ')')
        for row in rows:
            i, d = row[0], row[1]
            stored = ms(d) if i % 2 else iso_text(d, i)
            db.execute(f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(columns))})', (i, stored) + row[2:])
        sql, params = query_of(f'{golden}/loop/{name.split("/")[1]}/expected.ts')
        sql = re.sub(r"\$\{[^}]*\}", '?', sql)
        got = [tuple(r) for r in db.execute(sql, bound_values(params, [[ms(a), ms(b)] for a, b in windows]))]
        results.append((name, got, want))
    return results


# --- MySQL (MariaDB) ----------------------------------------------------------------------

def sql_literal(value):
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace('\\', '\\\\').replace("'", "''") + "'"


class MariaDB:
    """A private server in a temporary folder, reached on its socket by the mariadb client."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='pfsql')
        self.socket = os.path.join(self.dir, 'sock')
        data = os.path.join(self.dir, 'data')
        # Debian puts the server in /usr/sbin, which a user's PATH may leave out.
        server = shutil.which('mariadbd') or shutil.which('mariadbd', path='/usr/sbin:/usr/local/sbin')
        if not server:
            shutil.rmtree(self.dir, ignore_errors=True)
            sys.exit('mariadbd not found: setup.sh installs it (mariadb-server-core)')
        # As root the server must be told to stay root; as anyone else it runs as them.
        user = ['--user=root'] if os.geteuid() == 0 else []
        subprocess.run(['mariadb-install-db', '--no-defaults', f'--datadir={data}', *user,
                        '--auth-root-authentication-method=normal', '--skip-test-db'],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.server = subprocess.Popen([server, '--no-defaults', f'--datadir={data}', f'--socket={self.socket}',
                                        '--skip-networking', *user, '--default-time-zone=+00:00',
                                        f'--log-error={self.dir}/error.log'],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A busy machine may take a while: wait up to two minutes, polling.
        for _ in range(240):
            if self.server.poll() is not None:
                break
            if os.path.exists(self.socket) and self.query('SELECT 1', check=False) == [('1',)]:
                return
            time.sleep(0.5)
        log = open(f'{self.dir}/error.log').read()[-2000:] if os.path.exists(f'{self.dir}/error.log') else ''
        self.close()
        sys.exit(f'mariadbd did not start:\n{log}')

    def query(self, sql, check=True):
        run = subprocess.run(['mariadb', '--no-defaults', f'--socket={self.socket}', '-uroot', '--batch',
                              '--skip-column-names', '-e', sql], capture_output=True, text=True)
        if run.returncode != 0:
            if check:
                sys.exit(f'mariadb: {run.stderr.strip()}\n{sql}')
            return None
        return [tuple(line.split('\t')) for line in run.stdout.splitlines()]

    def close(self):
        if self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.server.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def run_mysql(golden):
    db = MariaDB()
    results = []
    try:
        db.query('CREATE DATABASE app')
        for case in (monthly_assessments('mysql'), monthly_sales('mysql')):
            name, (table, columns), rows, windows, want = case
            types = {'id': 'INT PRIMARY KEY', 'quantity': 'INT NOT NULL', 'region': 'VARCHAR(191) NOT NULL',
                     'subject_code': 'VARCHAR(191)'}
            db.query(f'CREATE TABLE app.`{table}` (' + ', '.join(f'`{c}` {types.get(c, "DATETIME(3) NOT NULL")}'
                                                                for c in columns) + ')')
            values = ', '.join('(' + ', '.join([str(r[0]), sql_literal(mysql_text(r[1]))] +
                                               [sql_literal(v) for v in r[2:]]) + ')' for r in rows)
            db.query(f'INSERT INTO app.`{table}` VALUES {values}')
            sql, params = query_of(f'{golden}/loop/{name.split("/")[1]}/expected.ts')
            bound = bound_values(params, [[mysql_text(a), mysql_text(b)] for a, b in windows])
            pieces = re.split(r"\$\{[^}]*\}", sql)
            text = pieces[0] + ''.join(sql_literal(v) + piece for v, piece in zip(bound, pieces[1:]))
            got = [tuple(None if v == 'NULL' else int(v) for v in r) for r in db.query('USE app; ' + text)]
            results.append((name, got, want))
    finally:
        db.close()
    return results


def main():
    dialect, golden = sys.argv[1], sys.argv[2]
    results = run_sqlite(golden) if dialect == 'sqlite' else run_mysql(golden)
    failed = False
    for name, got, want in results:
        ok = got == want and any(w[0] for w in want)
        failed |= not ok
        print(f"{'ok' if ok else 'FAILED'}: {name}: the SQL returned {got}, the per-window queries {want}")
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
