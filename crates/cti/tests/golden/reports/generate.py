#!/usr/bin/env python3
"""Writes the golden vectors of the two report specs and their manifest.

Vonage (shared/specs/vonage-agent-activity-api.txt): every JSON block, verbatim, diff debris
included (the codec repairs `null"..."` on read, docs/decisions.md "Vonage diff debris").

OpenMethods (shared/specs/openmethods-uccx-reports.txt): every message template, made
concrete: placeholders `"<...>"` get example values, enum alternatives `<"a" | "b">` their
first value, the `…` that continues a list is dropped, the comma missing before `"original"`
is added, and `<Contains the original request JSON structure>` becomes the request of the
same command. Extra `variant` vectors cover the other enum values.

Run: python3 crates/cti/tests/golden/reports/generate.py (needs the specs in
/work/shared/specs or $SPECS).
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SPECS = os.environ.get("SPECS", "/work/shared/specs")
OUT = os.path.join(HERE, "vectors")

rows = []


def write(name, text):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write(text)


def block(lines, start, end):
    """Spec lines start..end (1-based, inclusive)."""
    return "\n".join(lines[start - 1 : end]) + "\n"


# --- Vonage -------------------------------------------------------------------------------
vonage = open(os.path.join(SPECS, "vonage-agent-activity-api.txt")).read().split("\n")
for start, end, kind, status, note in [
    (19, 21, "error", "verbatim", "window limit error body"),
    (29, 148, "page", "debris", "agent-activities page; `\"guid\": null\"...\"` read as the string"),
    (155, 175, "item", "verbatim", "Interaction activity (Email, Ongoing)"),
]:
    text = block(vonage, start, end)
    name = f"vonage_L{start:03d}-{end:03d}.json"
    write(name, text)
    rows.append((start, end, "vonage", kind, status, name, note))

# --- OpenMethods --------------------------------------------------------------------------
om = open(os.path.join(SPECS, "openmethods-uccx-reports.txt")).read().split("\n")

PLACEHOLDERS = {
    '"<uccx id for call>"': '"16777301"',
    '"<source call id>"': '"16777301"',
    '"<device id>"': '"3000"',
    '"<device type>"': '"Pilot"',
    '"<description>"': '"Pilot 3000 (Sales)"',
    '"<formatted time value>"': '"00:00:04"',
    '"<error-code-for-failure>"': '"NOT_FOUND"',
    '"<error-message>"': '"No call 16777301"',
    '"<stack-trace-if-applicable>"': '""',
    '"<uccx id for agent>"': '"sup1"',
    '"<uccx id of agent>"': '"sup1"',
    '"<uccx id for team>"': '"7"',
    '"<name for team>"': '"Sales"',
    '"<uccx id for team member>"': '"agent1"',
    '"<uccx name for member>"': '"Alice Martin"',
    '"<uccx reason code>"': '"0"',
}


def instantiate(text, request):
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    # `<"Agent" | "Supervisor" | "TeamLead">`: the first alternative.
    text = re.sub(r'<("[^"]*")(?:\s*\|\s*"[^"]*")*>', r"\1", text)
    # The `…` that continues a list, and the comma before it.
    text = re.sub(r",\s*\n…\s*\n", "\n", text)
    # The failure templates lack the comma before "original".
    text = re.sub(r'}\s*\n"original":', '},\n"original":', text)
    text = text.replace("<Contains the original request JSON structure>", request.strip())
    json.loads(text)  # must be JSON now
    return text


requests = {}
blocks = [
    (21, 27, "request", "report.calljourney"),
    (29, 46, "response", "report.calljourney"),
    (48, 59, "response", "report.calljourney failure"),
    (63, 69, "request", "report.teamstatus.begin"),
    (71, 77, "response", "report.teamstatus.begin"),
    (79, 90, "response", "report.teamstatus.begin failure"),
    (96, 102, "request", "report.teamstatus.end"),
    (104, 110, "response", "report.teamstatus.end"),
    (112, 123, "response", "report.teamstatus.end failure"),
    (127, 138, "event", "report.teamstatus.teamchanged"),
    (141, 152, "event", "report.teamstatus.teamremoved"),
    (155, 177, "event", "report.teamstatus.teamadded"),
    (180, 202, "event", "report.teamstatus.memberadded"),
    (205, 227, "event", "report.teamstatus.memberstatuschanged"),
    (230, 248, "event", "report.teamstatus.memberremoved"),
]
for start, end, kind, what in blocks:
    raw = block(om, start, min(end, len(om)))
    command = what.split()[0]
    text = instantiate(raw, requests.get(command, "{}"))
    if kind == "request":
        requests[command] = text
    name = f"openmethods_L{start:03d}-{end:03d}.json"
    write(name, text)
    rows.append((start, end, "openmethods", kind, "substituted", name, what))

# Variants: the other enum values and a longer journey, in the templates' shapes.
member = lambda mid, mtype, name, status, reason: {
    "memberId": mid,
    "memberType": mtype,
    "memberName": name,
    "status": status,
    "reason": reason,
}
variants = [
    (
        "openmethods_variant_journey.json",
        "response",
        "report.calljourney: pilot, queue, agent set, transfer target",
        {
            "command": "report.calljourney",
            "result": "success",
            "data": {
                "CallJourney": [
                    {"CallId": "16777301", "Device": "3000", "DeviceType": "Pilot", "Description": "Pilot 3000 (Sales)", "Duration": "00:00:00"},
                    {"CallId": "16777301", "Device": "Sales", "DeviceType": "Queue", "Description": "Waiting in Sales", "Duration": "00:00:42"},
                    {"CallId": "16777301", "Device": "3001", "DeviceType": "AgentSet", "Description": "Alice Martin", "Duration": "00:03:10"},
                    {"CallId": "16777302", "Device": "2002", "DeviceType": "Extension", "Description": "Transferred to Bob Stone", "Duration": "01:02:03"},
                ]
            },
        },
    ),
    (
        "openmethods_variant_members.json",
        "event",
        "memberstatuschanged: Supervisor/TeamLead, not_ready/ACW",
        {
            "name": "report.teamstatus.memberstatuschanged",
            "data": {
                "agentId": "sup1",
                "team": {
                    "teamId": "7",
                    "teamName": "Sales",
                    "members": [
                        member("sup1", "Supervisor", "Sam Super", "not_ready", "12"),
                        member("lead1", "TeamLead", "Lee Lead", "ACW", "0"),
                        member("agent2", "Agent", "Bob Stone", "ready", "0"),
                    ],
                },
            },
        },
    ),
]
for name, kind, what, value in variants:
    write(name, json.dumps(value, indent=2) + "\n")
    rows.append(("-", "-", "openmethods", kind, "variant", name, what))

with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
    f.write("# start\tend\tspec\tkind\tstatus\tfile\tnote (generated by generate.py)\n")
    for row in rows:
        f.write("\t".join(str(c) for c in row) + "\n")
print(f"{len(rows)} vectors")
