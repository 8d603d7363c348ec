"""Print SQLAlchemy models as a dbtool model: CREATE TABLE and CREATE INDEX
statements for the database named by DBTOOL_DIALECT (sqlite, postgresql or
mysql, which MariaDB's models use too), compiled by SQLAlchemy's own DDL
compiler; none of them needs a database driver.

    model_command = PYTHONPATH=. /usr/bin/python3 contrib/sqlalchemy/dbtool_sqlalchemy.py app.models:db

The target is package.module:attribute, where the attribute is a MetaData,
a declarative base (its .metadata is used) or a Flask-SQLAlchemy object
(its .metadata).  When the module has no such attribute but a create_app()
factory, the factory is called and the attribute read again inside an
application context.  Tables come in metadata.sorted_tables order; foreign
keys are inline, those in a cycle (use_alter) follow as ALTER TABLE ... ADD
CONSTRAINT.  Errors go to standard error with exit status 1.
"""

import importlib
import os
import sys


def fail(message):
    sys.stderr.write("dbtool_sqlalchemy: %s\n" % " ".join(str(message).split()))
    sys.exit(1)


def dialect_for(name):
    if name == "sqlite":
        from sqlalchemy.dialects import sqlite
        return sqlite.dialect()
    if name in ("postgresql", "postgres"):
        from sqlalchemy.dialects import postgresql
        return postgresql.dialect()
    if name in ("mysql", "mariadb"):
        from sqlalchemy.dialects import mysql
        return mysql.dialect()
    fail("DBTOOL_DIALECT must be sqlite, postgresql or mysql, not %r" % name)


def metadata_of(obj):
    from sqlalchemy import MetaData

    if isinstance(obj, MetaData):
        return obj
    md = getattr(obj, "metadata", None)
    if isinstance(md, MetaData):
        return md
    return None


def load(target):
    if ":" not in target:
        fail("expected package.module:attribute, got %r" % target)
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except Exception as e:  # the user's module: report any failure
        fail("cannot import %s: %s: %s" % (module_name, type(e).__name__, e))
    obj = getattr(module, attr, None)
    if obj is None and callable(getattr(module, "create_app", None)):
        # An application factory: the models register when it runs.
        app = module.create_app()
        with app.app_context():
            obj = getattr(module, attr, None)
            if obj is None and attr in getattr(app, "extensions", {}):
                obj = app.extensions[attr]
    if obj is None:
        fail("%s has no attribute %r" % (module_name, attr))
    md = metadata_of(obj)
    if md is None:
        fail("%s is not a MetaData, a declarative base or a Flask-SQLAlchemy object"
             % target)
    return md


def statements(md, dialect):
    from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable

    later = []
    for table in md.sorted_tables:
        inline = [fk for fk in table.foreign_key_constraints if not fk.use_alter]
        later.extend(fk for fk in table.foreign_key_constraints if fk.use_alter)
        create = CreateTable(table, include_foreign_key_constraints=inline)
        yield str(create.compile(dialect=dialect)).strip()
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            yield str(CreateIndex(index).compile(dialect=dialect)).strip()
    for fk in later:
        yield str(AddConstraint(fk).compile(dialect=dialect)).strip()


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: dbtool_sqlalchemy package.module:attribute\n")
        return 2
    sys.path.insert(0, os.getcwd())
    dialect = dialect_for(os.environ.get("DBTOOL_DIALECT", "sqlite"))
    md = load(argv[1])
    out = sys.stdout
    for sql in statements(md, dialect):
        out.write(sql + ";\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
