#!/usr/bin/env python3
"""Validates real `bpfverify --format json` output on testdata objects against
docs/json-schema/report-v1.schema.json (JSON Schema draft 2020-12)."""
import argparse
import copy
import json
import subprocess
import sys

import jsonschema


def run(bpfverify, args):
    proc = subprocess.run([bpfverify, "--format", "json", *args], capture_output=True, text=True)
    if proc.returncode not in (0, 1, 2):
        sys.exit(f"bpfverify {args}: unexpected exit status {proc.returncode}: {proc.stderr}")
    return proc.returncode, json.loads(proc.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--bpfverify", required=True)
    parser.add_argument("--bad-file", required=True, help="a file that is not an ELF object")
    parser.add_argument("objects", nargs="+")
    a = parser.parse_args()

    schema = json.load(open(a.schema))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    runs = [list(a.objects), ["--log-level", "2", *a.objects], [a.objects[0], a.bad_file]]
    runs += [[obj] for obj in a.objects]
    checked = 0
    for args in runs:
        status, doc = run(a.bpfverify, args)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            print(f"bpfverify {' '.join(args)}: {'/'.join(map(str, e.path))}: {e.message}")
        if errors:
            return 1
        if a.bad_file in args and (status != 2 or not doc["input_errors"]):
            print(f"bpfverify {' '.join(args)}: a bad input must give status 2 and input_errors")
            return 1
        if not doc["programs"] and not doc["input_errors"]:
            print(f"bpfverify {' '.join(args)}: neither programs nor input errors in the report")
            return 1
        if (status == 2) != bool(doc["input_errors"]):
            print(f"bpfverify {' '.join(args)}: status {status} disagrees with input_errors")
            return 1
        checked += len(doc["programs"])

    # The schema must also refuse what it should: a copy of a real document, broken three ways.
    doc = next(d for d in (run(a.bpfverify, [o])[1] for o in a.objects) if d["programs"])
    for mutate in (lambda d: d["programs"][0].update(verdict="maybe"),
                   lambda d: d.update(schema_version=2),
                   lambda d: d["programs"][0].update(error={"message": "x"})):
        bad = copy.deepcopy(doc)
        mutate(bad)
        if validator.is_valid(bad):
            print("schema accepted an invalid document")
            return 1
    print(f"validated {len(runs)} reports, {checked} program entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
