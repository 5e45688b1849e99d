"""A small Flask service with the mistakes the guides warn about. Scan it:

    npx python-security-guide scan examples/
"""
import logging
import os
import sqlite3

from flask import Flask, request, send_file

app = Flask(__name__)
logger = logging.getLogger(__name__)
REPORTS_DIR = "/srv/reports"


def get_db():
    return sqlite3.connect("app.db")


@app.route("/users")
def find_user():
    username = request.args.get("username", "")
    db = get_db()
    rows = db.execute(f"SELECT id, email FROM users WHERE username = '{username}'").fetchall()
    return {"users": rows}


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    logger.info(f"Login attempt for {username} with password {password}")
    return {"ok": True}


@app.route("/reports/<name>")
def report(name):
    return send_file(os.path.join(REPORTS_DIR, name))
