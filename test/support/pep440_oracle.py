"""PEP 440 and OSV matching by the `packaging` library, as an oracle for the dependency audit's tests.

Reads JSON from stdin: {"versions": [...], "data": <path of the compact advisory file>,
"queries": [[package, version], ...], "contains": [[specifier, version], ...]}. Writes JSON:
{"packaging": version, "order": the versions
sorted by packaging.version.Version, each with the index of its equality group, "affected": for
each query the sorted advisory ids whose ranges (OSV: events sorted by version, then walked) or
listed versions hold the version, "contains": for each pair whether the specifier admits the
version, pre-releases included}.
"""
import json
import sys

import packaging
from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version


def parse(version):
    try:
        return Version(version)
    except InvalidVersion:
        return None


def in_range(version, events):
    def key(event):
        kind, value = event[0], event[2:]
        return (Version("0") if value == "0" else Version(value), {"i": 0, "f": 1, "l": 2}[kind])

    affected = False
    for event in sorted(events, key=key):
        kind, value = event[0], event[2:]
        if kind == "i":
            if value == "0" or version >= Version(value):
                affected = True
        elif kind == "f":
            if version >= Version(value):
                affected = False
        elif version > Version(value):
            affected = False
    return affected


def main():
    request = json.load(sys.stdin)
    versions = sorted({v for v in request["versions"] if parse(v) is not None}, key=Version)
    groups, group = [], -1
    for i, v in enumerate(versions):
        if i == 0 or Version(versions[i - 1]) != Version(v):
            group += 1
        groups.append([v, group])
    with open(request["data"], encoding="utf-8") as handle:
        data = json.load(handle)
    affected = []
    for name, raw in request["queries"]:
        version = parse(raw)
        ids = set()
        for entry in data["packages"].get(name, []):
            index, ranges = entry[0], entry[1]
            listed = entry[2] if len(entry) > 2 else []
            if raw in listed or (version is not None and any(in_range(version, r) for r in ranges)):
                ids.add(data["advisories"][index][0])
        affected.append(sorted(ids))
    contains = [SpecifierSet(spec).contains(v, prereleases=True) for spec, v in request.get("contains", [])]
    json.dump(
        {"packaging": packaging.__version__, "order": groups, "affected": affected, "contains": contains},
        sys.stdout,
    )


main()
