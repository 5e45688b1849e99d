"""The same jobs written safely: nothing to report here."""
import logging
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)
BASE_DIR = Path("/var/app/files")


def find_user(conn: sqlite3.Connection, username: str):
    return conn.execute("SELECT id FROM users WHERE username = ?", (username,)).fetchall()


def read_file(name: str) -> str:
    resolved = (BASE_DIR / name).resolve()
    if not resolved.is_relative_to(BASE_DIR.resolve()):
        raise ValueError("path escapes the base directory")
    return resolved.read_text()


def connect(user: str, password: str) -> None:
    logger.info("Connecting to the database as %s", user)
