"""A Flask application with the classic SQLAlchemy models, for the
end-to-end test of model_command (tests/e2e/test_orm.sh)."""
from flask import Flask

from .models import db


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db.init_app(app)
    return app
