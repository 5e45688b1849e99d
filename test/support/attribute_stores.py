"""The attributes each source stores or deletes, and those it only reads, by CPython's own parser (`ast`): reads a
JSON list of sources on stdin, writes a JSON list with, for each, `{"stored": [...], "read": [...]}` (the names of
the attributes in a Store or Del context, and in a Load context), or null when the source is not valid Python."""
import ast
import json
import sys


def attributes(source):
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    found = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute)]
    return {
        "stored": sorted({node.attr for node in found if isinstance(node.ctx, (ast.Store, ast.Del))}),
        "read": sorted({node.attr for node in found if isinstance(node.ctx, ast.Load)}),
    }


json.dump([attributes(source) for source in json.load(sys.stdin)], sys.stdout)
