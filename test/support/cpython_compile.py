"""Compile Python sources with CPython and say which ones fail.

Reads a JSON list [{"id": str, "source": str}, ...] from standard input and writes a JSON object
{"version": "3.11.7", "failures": [{"id", "type", "message", "line", "offset", "text"}, ...]} to
standard output. A source fails when compile(source, id, "exec") raises: a SyntaxError (or its
subclasses IndentationError, TabError), a ValueError (null bytes), or the compiler giving up
(RecursionError, MemoryError). Warnings are not failures. Nothing is executed.

Used by the tests and scripts only (test/support/cpython.ts); the product never needs Python.
"""
import json
import platform
import sys
import warnings


def check(source_id, source):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, source_id, "exec", dont_inherit=True)
    except SyntaxError as error:
        return {
            "id": source_id,
            "type": type(error).__name__,
            "message": error.msg or str(error),
            "line": error.lineno,
            "offset": error.offset,
            "text": (error.text or "").rstrip("\n"),
        }
    except (ValueError, RecursionError, MemoryError) as error:
        return {"id": source_id, "type": type(error).__name__, "message": str(error), "line": None, "offset": None, "text": ""}
    return None


def main():
    items = json.load(sys.stdin)
    failures = []
    for item in items:
        failure = check(str(item["id"]), item["source"])
        if failure is not None:
            failures.append(failure)
    json.dump({"version": platform.python_version(), "failures": failures}, sys.stdout)


if __name__ == "__main__":
    main()
