#!/usr/bin/python3
"""gen_pairs.py - random change pairs for tests/random_pairs.sh.

Writes COUNT change pairs, in the form of tests/corpus/changes/ (a.sql,
b.sql, data.sql, keep.sql; see its README.md), under OUT/changes/, for one
dialect: a model of one to four tables (columns of every everyday type,
NOT NULL, defaults with strings, casts and calls, UNIQUE, CHECK, foreign
keys, a composite one, indexes plain, unique, partial, descending and on
an expression, generated columns, views, PostgreSQL's enums and comments,
PostgreSQL's identity keys with their options, UNIQUE NULLS NOT DISTINCT,
DEFERRABLE foreign keys, INCLUDE columns and table comments (drawn from a
stream of their own, so that the other draws stay as they were),
MariaDB's comments of columns and tables and ON UPDATE CURRENT_TIMESTAMP,
quoted names; on MariaDB a table with a generated column keeps its key out
of the auto-increment rule with the model's hint) and the same model after one to four random changes that
users make every day.  The changes are those that keep a row of each
table valid in both models and in both directions, so that corpus_run's
round trip (migrate, upgrade, check, downgrade, upgrade, rows kept)
applies to each pair as it does to the corpus.

The same SEED and COUNT give the same pairs: a failing pair is made again
by its seed, printed in its folder's name and in a.sql's first line.

usage: gen_pairs.py sqlite|postgres|mariadb SEED COUNT OUT
"""

import copy
import os
import random
import re
import sys

INTS = ("INTEGER", "BIGINT", "SMALLINT")
TEXTS = ("TEXT", "VARCHAR(20)", "VARCHAR(50)")

# A value of each type for the rows of data.sql: no '|' and no line break.
VALUE = {
    "INTEGER": "7", "BIGINT": "8", "SMALLINT": "9", "TEXT": "'v'", "VARCHAR(20)": "'w'",
    "VARCHAR(50)": "'x y'", "NUMERIC(10,2)": "3.5", "NUMERIC(12,4)": "4.25",
    "BOOLEAN": "TRUE", "DATE": "'2021-02-03'", "TIMESTAMP": "'2021-02-03 04:05:06'",
    "REAL": "2.5", "DOUBLE PRECISION": "6.5", "CHAR(3)": "'abc'",
    "TIMESTAMPTZ": "'2021-02-03 04:05:06+00'", "JSONB": "'{\"a\": 1}'",
    "UUID": "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "TEXT[]": "'{a,b}'",
    "INTEGER[]": "'{1,2}'", "BYTEA": "'\\x01'", "INT UNSIGNED": "7", "BIGINT UNSIGNED": "8",
}

# Type changes whose rows convert on every database, both ways.
CONVERT = {
    "INTEGER": ["BIGINT", "NUMERIC(12,4)"], "SMALLINT": ["INTEGER", "BIGINT"],
    "BIGINT": ["INTEGER", "NUMERIC(12,4)"], "VARCHAR(20)": ["VARCHAR(50)", "TEXT"],
    "VARCHAR(50)": ["VARCHAR(20)", "TEXT"], "TEXT": ["VARCHAR(50)"],
    "NUMERIC(10,2)": ["NUMERIC(12,4)"], "REAL": ["DOUBLE PRECISION"],
    "CHAR(3)": ["VARCHAR(20)", "TEXT"],
}


class Column:
    def __init__(self, name, typ):
        self.name, self.typ = name, typ
        self.not_null = False
        self.default = None
        self.unique = False
        self.check = None
        self.comment = None
        self.generated = None
        self.renamed_from = None
        self.collate = None
        self.on_update = False  # MariaDB: ON UPDATE CURRENT_TIMESTAMP


class Table:
    def __init__(self, name):
        self.name = name
        self.renamed_from = None
        self.columns = []
        self.pk = ["id"]
        self.fks = []  # (column, table, action)
        self.composite_fks = []  # (columns, table, referenced columns)
        self.uniques = []  # lists of column names
        self.checks = []  # (columns, condition)
        self.indexes = []
        self.comment = None  # MariaDB's COMMENT, PostgreSQL's COMMENT ON TABLE
        self.identity = None  # PostgreSQL: id's "BY DEFAULT [(START WITH n)]"
        self.nnd = set()  # PostgreSQL: the UNIQUE keys (tuples) NULLS NOT DISTINCT


class Model:
    def __init__(self):
        self.tables = []
        self.views = []  # (name, table, columns)
        self.enums = {}  # name: values
        self.domains = {}  # name: lower bound of its CHECK


class Generator:
    def __init__(self, dialect, seed):
        self.dialect = dialect
        self.r = random.Random(seed)
        # PostgreSQL's extras draw from a stream of their own, so that the
        # pairs of the other draws stay what they were.
        self.x = random.Random(seed * 31 + 7)
        self.n = 0
        self.types = ["INTEGER", "BIGINT", "SMALLINT", "TEXT", "VARCHAR(20)", "VARCHAR(50)",
                      "NUMERIC(10,2)", "NUMERIC(12,4)", "BOOLEAN", "DATE", "TIMESTAMP", "REAL",
                      "DOUBLE PRECISION", "CHAR(3)"]
        if dialect == "postgres":
            self.types += ["TIMESTAMPTZ", "JSONB", "UUID", "TEXT[]", "INTEGER[]", "BYTEA"]

    def number(self):
        self.n += 1
        return self.n

    def name(self, base):
        """A name, quoted now and then where the dialect's model takes it."""
        n = self.number()
        if self.dialect == "mariadb" or self.r.random() < 0.6:
            return "%s%d" % (base, n)
        return self.r.choice(['"%s %d"', '"%s""%d"', '"%sMix%d"', '"select%s%d"',
                              "%s%d_order"]) % (base, n)

    def default(self, typ):
        r, pg = self.r, self.dialect == "postgres"
        if typ in INTS:
            return r.choice(["0", "1", "42"])
        if typ == "CHAR(3)":
            return r.choice(["'x'", "''", "'ab'"])
        if typ in TEXTS:
            return r.choice(["'x'", "''", "'it''s'", "(lower('ABC'))"] +
                            (["'x'::text", "('a' || 'b')"] if pg else []))
        if typ.startswith("NUMERIC"):
            return r.choice(["0", "1.5"])
        if typ == "BOOLEAN":
            return r.choice(["TRUE", "FALSE"])
        if typ == "DATE":
            return r.choice(["CURRENT_DATE", "'2020-01-01'"])
        if typ in ("TIMESTAMP", "TIMESTAMPTZ"):
            return r.choice(["CURRENT_TIMESTAMP", "'2020-01-01 10:00:00'"] +
                            (["now()", "(now() + interval '1 day')"] if pg else []))
        if typ in ("REAL", "DOUBLE PRECISION"):
            return r.choice(["0", "1.5"])
        if typ == "JSONB":
            return r.choice(["'{}'", "'[]'::jsonb"])
        if typ == "UUID":
            return "gen_random_uuid()"
        return None

    def column(self):
        r = self.r
        c = Column(self.name("c"), r.choice(self.types))
        c.not_null = r.random() < 0.3
        if r.random() < 0.3:
            c.default = self.default(c.typ)
        # A NOT NULL column without a default could not be added to a
        # table with rows, nor be made again by a downgrade.
        if c.not_null and c.default is None:
            c.default = self.default(c.typ)
            c.not_null = c.default is not None
        if r.random() < 0.1 and c.typ in INTS + TEXTS + ("CHAR(3)",):
            c.unique = True
        if r.random() < 0.1 and c.typ in INTS:
            c.check = r.choice(["%s >= 0", "%s IN (0, 1, 2, 7, 8, 9, 42)",
                                "%s BETWEEN 0 AND 100"]).replace("%s", c.name)
        elif r.random() < 0.1 and c.typ in TEXTS:
            c.check = r.choice(["%s <> 'zz'", "length(%s) < 40"]).replace("%s", c.name)
        if self.dialect != "sqlite" and r.random() < 0.1:
            c.comment = r.choice(["a comment", "it's", "üñí"] +
                                 (["a \\ b", "tab\there"] if self.dialect == "mariadb" else []))
        if self.dialect == "mariadb" and c.typ == "TIMESTAMP" and r.random() < 0.3:
            c.on_update = True
        if (r.random() < 0.08 and c.typ in ("INTEGER", "BIGINT")
                and not c.unique and not c.check):
            c.generated, c.not_null, c.default = "(id * 2)", False, None
        return c

    def indexable(self, t):
        return [c for c in t.columns if c.typ not in ("JSONB", "TEXT[]", "INTEGER[]", "BYTEA")
                and not (self.dialect == "mariadb" and c.typ == "TEXT")]

    def index(self, t):
        r = self.r
        cols = self.indexable(t)
        keys = r.sample(cols, min(len(cols), r.randint(1, 2)))
        ix = {"name": "ix_%d" % self.number(), "columns": [c.name for c in keys],
              "unique": r.random() < 0.2, "where": None, "desc": False, "expr": None}
        kind = r.random()
        if self.dialect == "mariadb":
            # Neither partial nor expression keys there.
            kind = 0.2 if kind < 0.32 else kind
            ix["unique"] = False  # a unique key of random columns: the row may repeat
        if kind < 0.15:
            ix["where"] = "%s IS NOT NULL" % keys[0].name
        elif kind < 0.25:
            ix["desc"] = True
        elif kind < 0.32 and keys[0].typ in TEXTS:
            ix["expr"] = "lower(%s)" % keys[0].name
        t.indexes.append(ix)

    def table(self, model):
        r = self.r
        t = Table(self.name("t"))
        idcol = Column("id", "INTEGER" if self.dialect == "sqlite" or r.random() < 0.5
                       else "BIGINT")
        idcol.not_null = True
        t.columns.append(idcol)
        for _ in range(r.randint(1, 5)):
            t.columns.append(self.column())
        # A foreign key references a table by its primary key, id alone.
        refs = [x for x in model.tables if x.pk == ["id"]]
        if refs and r.random() < 0.5:
            ref = r.choice(refs)
            fk = Column(self.name("c"), ref.columns[0].typ)
            t.columns.append(fk)
            t.fks.append((fk.name, ref.name, r.choice(["", " ON DELETE CASCADE",
                                                       " ON DELETE SET NULL"])))
        if r.random() < 0.4:
            self.index(t)
        if self.dialect == "mariadb" and r.random() < 0.2:
            t.comment = r.choice(["the table", "it's a table"])
        if self.dialect == "postgres":
            for _ in range(self.x.randint(0, 2)):
                self.pg_extra(t)
        if self.dialect == "mariadb":
            for _ in range(self.x.randint(0, 2)):
                self.mariadb_extra(t)
        return t

    def mariadb_extra(self, t):
        """One of MariaDB's own forms on `t`: an ENUM column, a value of
        one added or taken away, an UNSIGNED integer column or the word
        added to one, a FULLTEXT index made or dropped."""
        x = self.x
        k = x.randrange(5)
        enums = [c for c in t.columns if c.typ.startswith("ENUM(")]
        ints = [c for c in t.columns if c.typ in ("INTEGER", "BIGINT", "INT UNSIGNED",
                                                  "BIGINT UNSIGNED")
                and c.name != "id" and not c.check and not c.generated
                and c.name not in {f[0] for f in t.fks}
                and c.name not in {n for f in t.composite_fks for n in f[0]}]
        if k == 0 or (k == 1 and not enums):
            c = Column(self.name("c"), "ENUM('a','b','c')")
            c.default = x.choice([None, "'a'", "'b'"])
            t.columns.append(c)
        elif k == 1:
            c = x.choice(enums)
            values = re.findall(r"'(\w+)'", c.typ)
            if x.random() < 0.6:
                values.insert(x.randrange(len(values) + 1), "v%d" % self.number())
            else:
                gone = [v for v in values if v != "a" and "'%s'" % v != c.default]
                if gone and len(values) > 1:
                    values.remove(x.choice(gone))
            c.typ = "ENUM(%s)" % ",".join("'%s'" % v for v in values)
        elif k == 2:
            if ints and x.random() < 0.5:
                c = x.choice(ints)
                c.typ = {"INTEGER": "INT UNSIGNED", "BIGINT": "BIGINT UNSIGNED",
                         "INT UNSIGNED": "INTEGER", "BIGINT UNSIGNED": "BIGINT"}[c.typ]
            else:
                c = Column(self.name("c"), x.choice(["INT UNSIGNED", "BIGINT UNSIGNED"]))
                c.default = x.choice([None, "0", "7"])
                t.columns.append(c)
        elif k == 4:
            # A key prefix, made longer, shorter, or the whole column.
            wide = {c.name for c in t.columns if c.typ in ("VARCHAR(50)", "TEXT")}
            plain = [ix for ix in t.indexes if not ix.get("fulltext") and not ix["expr"]
                     and len(ix["columns"]) == 1 and ix["columns"][0] in wide]
            if plain:
                ix = x.choice(plain)
                text = any(c.name == ix["columns"][0] and c.typ == "TEXT" for c in t.columns)
                # A TEXT column is indexed by a prefix only.
                ix["prefix"] = x.choice([p for p in ((5, 10, 20) if text else (None, 5, 10, 20))
                                         if p != ix.get("prefix")])
            elif wide:
                t.indexes.append(plain_index("ix_%d" % self.number(), x.choice(sorted(wide)),
                                             prefix=x.choice([5, 10])))
        else:
            fts = [ix for ix in t.indexes if ix.get("fulltext")]
            texts = [c for c in t.columns if c.typ in ("VARCHAR(20)", "VARCHAR(50)", "TEXT")]
            if fts and x.random() < 0.5:
                t.indexes.remove(x.choice(fts))
            elif texts:
                t.indexes.append(plain_index("ft_%d" % self.number(), x.choice(texts).name,
                                             fulltext=True))

    def pg_extra(self, t):
        """One of PostgreSQL's extras on `t`, set or taken away: id's
        identity, a unique key NULLS NOT DISTINCT, a foreign key
        DEFERRABLE, the table's comment, an index's INCLUDE columns."""
        x = self.x
        k = x.randrange(5)
        if k == 0:
            new = x.choice([None, "BY DEFAULT", "BY DEFAULT (START WITH 100)",
                            "BY DEFAULT (INCREMENT BY 5)"])
            # The sole integer key is an identity by the auto-increment
            # rule already, which leaves how the database's makes its
            # values alone: no identity, or one of the defaults, is no
            # change there.
            if t.pk == ["id"] and (new is None or (new or "BY DEFAULT") ==
                                   (t.identity or "BY DEFAULT")):
                new = t.identity
            t.identity = new
        elif k == 1 and t.uniques:
            key = tuple(x.choice(t.uniques))
            t.nnd ^= {key}
        elif k == 2 and t.fks:
            column, ref, action = t.fks[0]
            deferred = " DEFERRABLE INITIALLY DEFERRED"
            action = action.replace(deferred, "") if deferred in action else action + deferred
            t.fks[0] = (column, ref, action)
        elif k == 3:
            t.comment = x.choice([None, "the table", "it's a table", "changed"])
        elif k == 4 and t.indexes:
            ix = x.choice(t.indexes)
            cols = [c.name for c in self.indexable(t) if c.name not in ix["columns"]]
            if ix.get("include"):
                ix["include"] = None
            elif cols and not ix["expr"]:
                ix["include"] = [x.choice(cols)]

    def view(self, model, t):
        cols = [c.name for c in t.columns]
        model.views.append(("v%d" % self.number(), t.name,
                            self.r.sample(cols, min(2, len(cols)))))

    def model(self):
        m = Model()
        for _ in range(self.r.randint(1, 4)):
            m.tables.append(self.table(m))
        if self.r.random() < 0.4:
            self.view(m, self.r.choice(m.tables))
        return m

    def change(self, m):
        """One random change of `m`, in place."""
        r = self.r
        t = r.choice(m.tables)
        fk_columns = {f[0] for f in t.fks} | {c for f in t.composite_fks for c in f[0]}
        plain = [c for c in t.columns
                 if c.name != "id" and c.name not in fk_columns and not c.generated]
        k = r.randrange(30 if self.dialect == "mariadb" else 27)
        if k == 0:
            t.columns.append(self.column())
        elif k == 1 and plain:
            c = r.choice(plain)
            t.columns.remove(c)
        elif k == 2 and plain:
            c = r.choice(plain)
            if c.not_null:
                c.not_null = False
            elif c.default is not None:
                c.not_null = True
        elif k == 3 and plain:
            c = r.choice(plain)
            if c.default is None:
                c.default = self.default(c.typ)
            elif not c.not_null:
                c.default = None
        elif k == 4 and plain:
            c = r.choice(plain)
            # MariaDB indexes no TEXT column without a prefix length.
            to = [x for x in CONVERT.get(c.typ, []) if self.dialect != "mariadb" or x != "TEXT"]
            # MariaDB wants a foreign key's columns of the types of those
            # it references.
            referenced = self.dialect == "mariadb" and any(
                ref == t.name and c.name in rcols for x in m.tables
                for _, ref, rcols in x.composite_fks)
            if to and not c.check and not c.unique and not referenced:
                c.typ = r.choice(to)
                if c.default is not None:
                    c.default = self.default(c.typ)
        elif k == 5:
            self.index(t)
        elif k == 6 and t.indexes:
            t.indexes.pop(r.randrange(len(t.indexes)))
        elif k == 7:
            # Not a second key on a column: the databases keep one.
            cols = [c for c in self.indexable(t) if c.name != "id" and not c.unique
                    and [c.name] not in t.uniques and c.typ not in ("REAL", "DOUBLE PRECISION")]
            if cols:
                t.uniques.append([r.choice(cols).name])
        elif k == 8 and t.uniques:
            t.uniques.pop()
        elif k == 9:
            ints = [c for c in plain if c.typ in INTS]
            if ints:
                c = r.choice(ints)
                t.checks.append(((c.name,), "%s < 1000000" % c.name))
        elif k == 10 and t.checks:
            t.checks.pop()
        elif k == 11:
            m.tables.append(self.table(m))
        elif k == 12 and len(m.tables) > 1:
            referenced = {f[1] for x in m.tables for f in x.fks}
            referenced |= {f[1] for x in m.tables for f in x.composite_fks}
            free = [x for x in m.tables if x.name not in referenced]
            if free:
                m.tables.remove(r.choice(free))
        elif k == 13 and t.fks:
            column, ref, _ = t.fks[0]
            t.fks[0] = (column, ref, r.choice(["", " ON DELETE CASCADE", " ON DELETE SET NULL",
                                               " ON UPDATE CASCADE"]))
        elif k == 14 and plain:
            c = r.choice([c for c in plain if c in self.indexable(t)] or [None])
            if (c is not None and c.typ not in ("REAL", "DOUBLE PRECISION", "BOOLEAN")
                    and [c.name] not in t.uniques):
                c.unique = not c.unique
        elif k == 15:
            nn = [c for c in plain if c.not_null and c in self.indexable(t)
                  and c.typ not in ("REAL", "DOUBLE PRECISION")]
            referenced = any(f[1] == t.name for x in m.tables for f in x.fks + x.composite_fks)
            if not referenced and nn and len(t.pk) == 1:
                t.pk = t.pk + [r.choice(nn).name]
            elif not referenced and len(t.pk) > 1:
                t.pk = t.pk[:1]
        elif k == 16:
            self.view(m, t)
        elif k == 17 and m.views:
            m.views.pop(0)
        elif k == 18 and self.dialect == "postgres":
            self.enum_change(m, t)
        elif k == 19 and len(m.tables) > 1 and not t.composite_fks:
            ref = r.choice([x for x in m.tables if x is not t])
            ints = [c for c in ref.columns if c.typ in ("INTEGER", "BIGINT") and c.name != "id"
                    and not c.generated]
            if ints:
                other = r.choice(ints)
                if ["id", other.name] not in ref.uniques:
                    ref.uniques.append(["id", other.name])
                a = Column(self.name("c"), ref.columns[0].typ)
                b = Column(self.name("c"), other.typ)
                t.columns += [a, b]
                t.composite_fks.append(([a.name, b.name], ref.name, ["id", other.name]))
        elif k == 20 and t.indexes and self.dialect != "mariadb":
            ix = r.choice(t.indexes)
            ix["unique"] = not ix["unique"]
        elif k == 21 and plain:
            c = r.choice(plain)
            if c.default is not None:
                new = self.default(c.typ)
                # 'x'::text is 'x' in a TEXT column: no change.
                if same_default(new, c.default, c.typ):
                    new = c.default
                c.default = new
        elif k == 22:
            ints = [c for c in plain if c.typ in INTS]
            if len(ints) >= 2:
                a, b = r.sample(ints, 2)
                t.checks.append(((a.name, b.name), "%s < 1000000 OR %s IS NULL" % (a.name, b.name)))
        elif k == 25 and plain and self.dialect != "mariadb":
            c = r.choice(plain)
            if c.typ in TEXTS and not c.unique and not any(c.name in ix["columns"]
                                                           for ix in t.indexes):
                c.collate = None if c.collate else ('"C"' if self.dialect == "postgres"
                                                    else "NOCASE")
        elif k == 26 and self.dialect == "postgres":
            if not m.domains or r.random() < 0.5:
                m.domains["d%d" % self.number()] = 0
                name = sorted(m.domains)[-1]
                c = Column(self.name("c"), name)
                t.columns.append(c)
            else:
                name = r.choice(sorted(m.domains))
                m.domains[name] = -1 if m.domains[name] == 0 else 0
        elif k == 27 and plain:
            c = r.choice(plain)
            c.comment = r.choice([None, "changed", "it's", "a \\ b"])
        elif k == 28:
            t.comment = r.choice([None, "the table", "it's changed"])
        elif k == 29:
            stamps = [c for c in plain if c.typ == "TIMESTAMP"]
            if stamps:
                c = r.choice(stamps)
                c.on_update = not c.on_update
        elif k == 23 and plain:
            self.rename_column(m, t, r.choice(plain))
        elif k == 24 and not t.renamed_from:
            self.rename_table(m, t)
        if self.dialect == "postgres" and self.x.random() < 0.3:
            self.pg_extra(self.x.choice(m.tables))
        if self.dialect == "mariadb" and self.x.random() < 0.3:
            self.mariadb_extra(self.x.choice(m.tables))
        self.tidy(m)

    def rename_column(self, m, t, c):
        """Renames `c` with the model's hint, and what names it."""
        if c.renamed_from:
            return
        old, new = c.name, self.name("r")

        def swap(name):
            return new if name == old else name

        def swap_text(text):
            return re.sub(r'(?<![\w"])%s(?![\w"])' % re.escape(old), new, text)

        c.renamed_from, c.name = old, new
        if c.check:
            c.check = swap_text(c.check)
        for ix in t.indexes:
            ix["columns"] = [swap(x) for x in ix["columns"]]
            if ix.get("include"):
                ix["include"] = [swap(x) for x in ix["include"]]
            for key in ("where", "expr"):
                if ix[key]:
                    ix[key] = swap_text(ix[key])
        t.nnd = {tuple(swap(x) for x in u) for u in t.nnd}
        t.uniques = [[swap(x) for x in u] for u in t.uniques]
        t.checks = [(tuple(swap(x) for x in cols), swap_text(text)) for cols, text in t.checks]
        t.pk = [swap(x) for x in t.pk]
        m.views = [(v, tn, [swap(x) for x in cols]) if tn == t.name else (v, tn, cols)
                   for v, tn, cols in m.views]
        for x in m.tables:
            x.composite_fks = [(cols, ref, [swap(y) for y in rcols]) if ref == t.name
                               else (cols, ref, rcols) for cols, ref, rcols in x.composite_fks]

    def rename_table(self, m, t):
        """Renames table `t` with the model's hint, and what names it."""
        old, new = t.name, self.name("t")
        t.renamed_from, t.name = old, new
        for x in m.tables:
            x.fks = [(c, new if ref == old else ref, a) for c, ref, a in x.fks]
            x.composite_fks = [(c, new if ref == old else ref, rc)
                               for c, ref, rc in x.composite_fks]
        m.views = [(v, new if tn == old else tn, cols) for v, tn, cols in m.views]

    def enum_change(self, m, t):
        r = self.r
        if not m.enums or r.random() < 0.4:
            m.enums["e%d" % self.number()] = ["a", "b", "c"]
        name = r.choice(sorted(m.enums))
        values = m.enums[name]
        used = any(c.typ == name for x in m.tables for c in x.columns)
        k = r.random()
        if k < 0.4:
            c = Column(self.name("c"), name)
            c.default = r.choice([None, "'a'"])
            t.columns.append(c)
        elif k < 0.7:
            values.insert(r.randrange(len(values) + 1), "v%d" % self.number())
        elif not used and len(values) > 1:
            values.remove(r.choice([v for v in values if v != "a"] or values))

    def tidy(self, m):
        """Drops what a change left naming what is gone."""
        names = {t.name: {c.name for c in t.columns} for t in m.tables}
        tables = {t.name: t for t in m.tables}
        for t in m.tables:
            cols = names[t.name]
            t.indexes = [ix for ix in t.indexes if all(c in cols for c in ix["columns"])]
            for ix in t.indexes:
                if ix.get("include") and not all(c in cols for c in ix["include"]):
                    ix["include"] = None
            t.uniques = [u for u in t.uniques if all(c in cols for c in u)]
            t.nnd = {u for u in t.nnd if list(u) in t.uniques}
            t.checks = [ch for ch in t.checks if all(c in cols for c in ch[0])]
            t.pk = [c for c in t.pk if c in cols] or ["id"]
        for t in m.tables:
            cols = names[t.name]
            t.composite_fks = [f for f in t.composite_fks
                               if f[1] in tables and all(c in cols for c in f[0])
                               and f[2] in tables[f[1]].uniques]
        m.views = [v for v in m.views if v[1] in names and all(c in names[v[1]] for c in v[2])]


def plain_index(name, column, **more):
    """An index of one column, ascending, neither unique nor partial, with
    `more` (prefix, fulltext) besides."""
    ix = {"name": name, "columns": [column], "unique": False, "where": None, "desc": False,
          "expr": None}
    ix.update(more)
    return ix


def same_default(a, b, typ):
    """1 when the defaults `a` and `b` of a column of type `typ` are one
    value as the database keeps it."""
    if typ == "TEXT":
        a, b = a.replace("::text", ""), b.replace("::text", "")
    return a == b


def mariadb_string(text):
    """`text` as a MariaDB string literal: quotes doubled, backslashes and
    tabs in its escapes."""
    return "'%s'" % text.replace("\\", "\\\\").replace("'", "''").replace("\t", "\\t")


def render(m, dialect):
    mariadb = dialect == "mariadb"
    out = []
    for name, low in sorted(m.domains.items()):
        out.append("CREATE DOMAIN %s AS INTEGER CHECK (VALUE >= %d);\n" % (name, low))
    for name, values in sorted(m.enums.items()):
        out.append("CREATE TYPE %s AS ENUM (%s);\n" %
                   (name, ", ".join("'%s'" % v for v in values)))
    for t in m.tables:
        lines = []
        for c in t.columns:
            s = "\t%s %s" % (c.name, c.typ)
            if c.name == "id" and t.identity:
                words = t.identity.split(" (", 1)
                s += " GENERATED %s AS IDENTITY%s" % (words[0], " (" + words[1] if len(words) > 1
                                                        else "")
            if c.renamed_from:
                s = "\t-- renamed from: %s\n%s" % (c.renamed_from, s)
            if c.collate:
                s += " COLLATE " + c.collate
            if c.generated:
                s += " GENERATED ALWAYS AS %s STORED" % c.generated
            if c.not_null:
                s += " NOT NULL"
            if c.default is not None:
                s += " DEFAULT " + c.default
            if c.on_update:
                s += " ON UPDATE CURRENT_TIMESTAMP"
            if c.unique:
                s += " UNIQUE"
            if c.check:
                s += " CHECK (%s)" % c.check
            if c.comment and mariadb:
                s += " COMMENT " + mariadb_string(c.comment)
            lines.append(s)
        # MariaDB's USING BTREE and USING HASH on some keys, as SHOW
        # CREATE TABLE prints them (read and not kept), picked by the
        # table's name so that the random streams stay as they were.
        using = " USING BTREE" if mariadb and len(t.name) % 3 == 0 else \
            " USING HASH" if mariadb and len(t.name) % 3 == 1 else ""
        lines.append("\tPRIMARY KEY (%s)%s" % (", ".join(t.pk), using))
        for column, ref, action in t.fks:
            lines.append("\tFOREIGN KEY (%s) REFERENCES %s (id)%s" % (column, ref, action))
        for cols, ref, ref_cols in t.composite_fks:
            lines.append("\tFOREIGN KEY (%s) REFERENCES %s (%s)" %
                         (", ".join(cols), ref, ", ".join(ref_cols)))
        for u in t.uniques:
            lines.append("\tUNIQUE %s(%s)%s" % ("NULLS NOT DISTINCT " if tuple(u) in t.nnd else "",
                                                 ", ".join(u), using))
        for _, condition in t.checks:
            lines.append("\tCHECK (%s)" % condition)
        if t.renamed_from:
            out.append("-- renamed from: %s\n" % t.renamed_from)
        body = ",\n".join(lines)
        # MariaDB computes no column from an AUTO_INCREMENT one: the key
        # the rule would make one stays a plain key.
        if mariadb and t.pk == ["id"] and any(c.generated for c in t.columns):
            body = body.replace(",\n", ", -- dbtool: no-autoincrement\n", 1)
        out.append("CREATE TABLE %s (\n%s\n)%s;\n" % (
            t.name, body,
            " COMMENT = " + mariadb_string(t.comment) if t.comment and mariadb else ""))
        for ix in t.indexes:
            keys = ix["expr"] or ", ".join(
                c + ("(%d)" % ix["prefix"] if ix.get("prefix") else "") +
                (" DESC" if ix["desc"] else "") for c in ix["columns"])
            s = "CREATE %sINDEX %s ON %s (%s)" % ("UNIQUE " if ix["unique"] else
                                                "FULLTEXT " if ix.get("fulltext") else "",
                                                ix["name"], t.name, keys)
            if ix.get("include"):
                s += " INCLUDE (%s)" % ", ".join(ix["include"])
            if ix["where"]:
                s += " WHERE " + ix["where"]
            out.append(s + ";\n")
    for t in m.tables:
        if t.comment and not mariadb:
            out.append("COMMENT ON TABLE %s IS '%s';\n" % (t.name, t.comment.replace("'", "''")))
        for c in t.columns:
            if c.comment and not mariadb:
                out.append("COMMENT ON COLUMN %s.%s IS '%s';\n" %
                           (t.name, c.name, c.comment.replace("'", "''")))
    for name, table, cols in m.views:
        out.append("CREATE VIEW %s AS SELECT %s FROM %s;\n" % (name, ", ".join(cols), table))
    return "".join(out)


def rows(m):
    """One row of each table, its foreign keys NULL, every other column set."""
    out = []
    for t in m.tables:
        skip = {f[0] for f in t.fks} | {c for f in t.composite_fks for c in f[0]}
        cols = [c for c in t.columns if c.name not in skip and not c.generated]
        values = ["1" if c.name == "id" else VALUE.get(c.typ, "'a'") for c in cols]
        out.append("INSERT INTO %s (%s) VALUES (%s);\n" %
                   (t.name, ", ".join(c.name for c in cols), ", ".join(values)))
    return "".join(out)


def keep(a, b):
    """The columns both models have with one type, as keep.sql's queries."""
    tables = {t.name: t for t in b.tables}
    out = []
    for t in a.tables:
        if t.name not in tables:
            continue
        types = {c.name: c.typ for c in tables[t.name].columns}
        cols = [c.name for c in t.columns if types.get(c.name) == c.typ]
        out.append("SELECT %s FROM %s ORDER BY id\n" % (", ".join(cols), t.name))
    return "".join(out)


def main(argv):
    if len(argv) != 5 or argv[1] not in ("sqlite", "postgres", "mariadb"):
        sys.stderr.write("usage: gen_pairs.py sqlite|postgres|mariadb SEED COUNT OUT\n")
        return 2
    dialect, seed, count, out = argv[1], int(argv[2]), int(argv[3]), argv[4]
    for i in range(count):
        g = Generator(dialect, seed + i)
        a = g.model()
        b = copy.deepcopy(a)
        # One to four changes; none at all (a change undone) is tried again.
        while render(b, dialect) == render(a, dialect):
            for _ in range(g.r.randint(1, 4)):
                g.change(b)
        folder = os.path.join(out, "changes", "%04d_seed_%d" % (i, seed + i))
        os.makedirs(folder)
        files = {"a.sql": "-- gen_pairs.py %s %d 1\n%s" % (dialect, seed + i, render(a, dialect)),
                 "b.sql": render(b, dialect), "data.sql": rows(a), "keep.sql": keep(a, b)}
        for name, text in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
