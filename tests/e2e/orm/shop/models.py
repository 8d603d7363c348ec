"""The models: users and their characters (a foreign key), authors and
their books (one-to-many with cascade), orders and items through an
association table.  Lines starting with "#v2: " are the second version of
the models; the test uncomments them."""
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False, unique=True)
    email = db.Column(db.String(120))
    active = db.Column(db.Boolean, nullable=False, default=True)
    created = db.Column(db.DateTime)
    #v2: nickname = db.Column(db.String(30))
    characters = db.relationship("Character", backref="user")


class Character(db.Model):
    __tablename__ = "characters"
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    name = db.Column(db.String(50), nullable=False)
    level = db.Column(db.Integer, nullable=False, server_default="1")
    #v2: __table_args__ = (db.Index("ix_characters_name", "name"),)


class Author(db.Model):
    __tablename__ = "authors"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    bio = db.Column(db.Text)
    books = db.relationship("Book", backref="author", cascade="all, delete-orphan")


class Book(db.Model):
    __tablename__ = "books"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False, index=True)
    price = db.Column(db.Numeric(10, 2))
    author_id = db.Column(db.Integer, db.ForeignKey("authors.id", ondelete="CASCADE"),
                          nullable=False)


order_items = db.Table(
    "order_items",
    db.Column("order_id", db.Integer, db.ForeignKey("orders.id"), primary_key=True),
    db.Column("item_id", db.Integer, db.ForeignKey("items.id"), primary_key=True),
)


class Order(db.Model):
    __tablename__ = "orders"
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    placed = db.Column(db.Date)
    items = db.relationship("Item", secondary=order_items, backref="orders")


class Item(db.Model):
    __tablename__ = "items"
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.String(20), nullable=False, unique=True)
    weight = db.Column(db.Float)
    data = db.Column(db.JSON)
