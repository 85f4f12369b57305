#!/usr/bin/env python3
"""The baseline's five checks in Python (standard library only): what a script
written for one diagnosis costs on the same facts file.

The same pass as `baseline.rs`: the facts read by `json.load`, timestamps parsed
once with `datetime.fromisoformat`, then one straight pass doing the `when` of
PHS011, PHS022, PHS031, PHS039 and PHS040 with the helpers they call written
out. Like the Rust baseline it leaves out `needs`, undetermined outcomes and
messages: a floor, not an equivalent.

Usage: python3 benches/check/baseline.py FACTS.json

Prints one JSON line: seconds spent loading (read and parse, timestamps
included), checking and writing the findings, the number of findings and the
peak resident memory in MiB (`resource.getrusage`, Linux's kilobytes).
"""

import json
import resource
import sys
import time
from datetime import datetime, timedelta

REPLICATION_RIGHTS = ("Replicate Directory Changes", "Replicate Directory Changes All")
FAILED_STATUSES = frozenset(
    (
        "FilteredByTarget",
        "NoTargetConnection",
        "SourceConnectorNotPresent",
        "TargetNotExportedToDirectory",
        "Error",
        "MissingAttribute",
        "Unknown",
    )
)


def parse_time(text):
    """An RFC 3339 timestamp; `Z` is spelled out for Pythons before 3.11."""
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def optional_time(text):
    return None if text is None else parse_time(text)


def load(path):
    """The facts with every timestamp the checks read parsed once, as the Rust
    baseline's typed structs have them."""
    with open(path, encoding="utf-8-sig") as f:
        facts = json.load(f)
    facts["collected_at"] = parse_time(facts["collected_at"])
    facts["events_since"] = optional_time(facts.get("events_since"))
    for e in facts.get("events") or ():
        e["time"] = parse_time(e["time"])
    for o in facts["objects"]:
        ad = o.get("ad")
        if ad is not None:
            ad["password_last_set"] = optional_time(ad.get("password_last_set"))
        for entry in o["password_sync_log"]:
            entry["time"] = parse_time(entry["time"])
    return facts


def events_cover(facts, window):
    since = facts["events_since"]
    return facts.get("events") is not None and (
        since is None or since <= facts["collected_at"] - window
    )


def domain_root(name):
    return ("DC=" + ",DC=".join(name.split("."))).lower()


def is_active(facts, connector):
    """A heartbeat naming the connector's id, or a password change event naming
    the root of one of its domains, in the 3 hours before now."""
    now = facts["collected_at"]
    start = now - timedelta(hours=3)
    cid = connector["id"].lower().replace("{", "").replace("}", "").strip()
    roots = [domain_root(d["name"]) for d in connector["domains"]]
    for e in facts.get("events") or ():
        if e["source"].lower() != "directory synchronization":
            continue
        if e["time"] < start or e["time"] > now:
            continue
        message = e["message"].lower()
        if e["id"] == 654 and cid in message:
            return True
        if e["id"] in (656, 657) and any(r in message for r in roots):
            return True
    return False


def version(text):
    parts = []
    for part in text.split("."):
        try:
            parts.append(int(part))
        except ValueError:
            parts.append(0)
    return parts


def check(facts):
    """The five checks; each finding is (rule, binding name)."""
    found = []
    now = facts["collected_at"]
    for c in facts["connectors"]:
        if c["kind"] != "ad":
            continue
        if (
            c.get("password_sync") is True
            and events_cover(facts, timedelta(hours=3))
            and not is_active(facts, c)
        ):
            found.append(("PHS011", c["name"]))
        for d in c["domains"]:
            granted = d.get("permissions")
            if granted is not None and any(r not in granted for r in REPLICATION_RIGHTS):
                found.append(("PHS022", d["name"]))
    # `not (server.version >= 2.0.3.0 and force == true)` is true only when one
    # side is known to be false.
    temporary_refused = (
        version(facts["server"]["version"]) < version("2.0.3.0")
        or facts["tenant"].get("force_password_change_on_logon") is False
    )
    week_ago = now - timedelta(days=7)
    for o in facts["objects"]:
        ad = o.get("ad") or {}
        if ad.get("user_must_change_password") is True and temporary_refused:
            found.append(("PHS031", o["dn"]))
        log = o["password_sync_log"]
        recent = any(week_ago <= entry["time"] <= now for entry in log)
        last_set = ad.get("password_last_set")
        unchanged = last_set is not None and last_set < week_ago
        if not recent and not unchanged:
            found.append(("PHS039", o["dn"]))
        past = [entry for entry in log if entry["time"] <= now]
        if past and max(past, key=lambda entry: entry["time"])["status"] in FAILED_STATUSES:
            found.append(("PHS040", o["dn"]))
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: baseline.py FACTS.json")
    start = time.perf_counter()
    facts = load(sys.argv[1])
    loaded = time.perf_counter()
    found = check(facts)
    checked = time.perf_counter()
    rendered = json.dumps([{"rule": rule, "at": at} for rule, at in found])
    done = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "load": loaded - start,
                "eval": checked - loaded,
                "report": done - checked,
                "total": done - start,
                "findings": len(found),
                "report_bytes": len(rendered),
                "peak_mib": peak_kib / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
