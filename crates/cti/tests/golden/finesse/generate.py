#!/usr/bin/env python3
"""Writes the Finesse connector's golden vectors and manifest.tsv from the table below.

Every example of shared/specs/finesse-jms-connector.txt has a row (placeholders substituted
with one consistent set of values: agent 1001, supervisor 1002, extensions 2001/2002,
dialog d-100, preview dialog d-200), then the base commands and events the spec cuts off,
as docs/decisions.md ("Finesse connector (issue 13)") decides them (status `decided`).

A command vector is two lines: the JMS type, then the body (possibly empty). An event vector
is the event text. Run from anywhere: python3 crates/cti/tests/golden/finesse/generate.py
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

# (start, end, kind, type, status, check, file, text, note)
ROWS = [
    # --- commands of the spec ---
    (5, 6, "command", "MobileAgentLogin", "substituted", "exact", "cmd_mobile_agent_login_call_by_call",
     "MOBILEAGENTLOGIN#1001\nsecret,2001,0611223344,true", "connection_mode true = call by call"),
    (5, 6, "command", "MobileAgentLogin", "substituted", "exact", "cmd_mobile_agent_login_nailed",
     "MOBILEAGENTLOGIN#1001\nsecret,2001,0611223344,false", "connection_mode false = nailed connection"),
    (17, 18, "command", "TransferCall", "substituted", "exact", "cmd_transfer_call",
     "TransferCall#1001\n2002,d-100", "second agent's extension, then the main call's dialog"),
    (26, 27, "command", "ConferenceCall", "substituted", "exact", "cmd_conference_call",
     "Conferencecall#1001\n2002,d-100", "JMS name `Conferencecall` as written"),
    (35, 36, "command", "RejectOutboundPreview", "substituted", "stable", "cmd_reject_outbound_preview",
     "RejectOutboundPreview#1001 \nd-200,REJECT", "the spec's `<agent_login_id >` keeps its space: trimmed"),
    (44, 45, "command", "CloseOutboundPreview", "substituted", "stable", "cmd_close_outbound_preview",
     "CloseOutboundPreview#1001 \nd-200,CLOSE", "the spec's `<agent_login_id >` keeps its space: trimmed"),
    (53, 54, "command", "GetSkillGroup", "substituted", "stable", "cmd_get_skill_group",
     "GETSKILLGROPU#1001 \n", "JMS name `GETSKILLGROPU` as written; empty body"),
    (60, 61, "command", "GetSupervisor", "substituted", "stable", "cmd_get_supervisor",
     "GETSUPERVISOR#1001 \n", "empty body"),
    (73, 74, "command", "ScheduleCallback", "substituted", "exact", "cmd_schedule_callback",
     "SHCEDULECALLBACK#1001\n2001,d-100,2026-12-01T15:30:00,0611223344", "JMS name `SHCEDULECALLBACK` as written; callbackTime format decided"),
    (84, 85, "command", "UpdateCallback", "substituted", "exact", "cmd_update_callback",
     "UPDATECALLBACK#1001\n2001,d-100,2026-12-02T10:00:00,0611223355", ""),
    (95, 96, "command", "CancelScheduledCallback", "substituted", "exact", "cmd_cancel_scheduled_callback",
     "CANCELSHCEDULECALLBACK#1001\n2001,d-100", "JMS name `CANCELSHCEDULECALLBACK` as written"),
    (104, 105, "command", "ReclassifyCall", "substituted", "exact", "cmd_reclassify_call",
     "RECLASSIFYCALL#1001\n2001,d-100,Sales, renewals", "the last field keeps its comma"),
    (114, 115, "command", "RejectOutboundPreview", "repaired", "exact", "cmd_reject_outbound_preview_truncated_type",
     "RejectOutboundPreview#1001\nd-200,REJECT", "the spec's type `RejectOutboundPreview#<` is cut: completed with the agent"),
    # --- base commands the spec cuts off (decided) ---
    ("-", "-", "command", "Hello", "decided", "exact", "cmd_hello", "Hello#client-1\n", "public client: `Hello#<client id>`, no body"),
    ("-", "-", "command", "Beat", "decided", "exact", "cmd_beat", "Beat#1001\n", "nothing found: agent id, no body"),
    ("-", "-", "command", "Connect", "decided", "exact", "cmd_connect", "Connect#1001\nclient-1,secret", "public client: `<client id>,<password>`"),
    ("-", "-", "command", "Connect", "decided", "stable", "cmd_connect_password_only", "Connect#1001\nsecret", "the other reading: the password alone"),
    ("-", "-", "command", "Login", "decided", "exact", "cmd_login", "Login#1001\nsecret,2001", "public client and MOBILEAGENTLOGIN's first fields"),
    ("-", "-", "command", "Logout", "decided", "exact", "cmd_logout", "Logout#1001\n", "no reason"),
    ("-", "-", "command", "Logout", "decided", "exact", "cmd_logout_with_reason", "Logout#1001\n32767", "a reasoncodelogout code"),
    ("-", "-", "command", "MakeReady", "decided", "exact", "cmd_make_ready", "MakeReady#1001\n", "public client"),
    ("-", "-", "command", "MakeNotReady", "decided", "exact", "cmd_make_not_ready", "MakeNotReady#1001\n", "no body"),
    ("-", "-", "command", "MakeNotReadyWithReason", "decided", "exact", "cmd_make_not_ready_with_reason", "MakeNotReadyWithReason#1001\n11", "public client: the code alone"),
    ("-", "-", "command", "GetState", "decided", "exact", "cmd_get_state", "GetState#1001\n", "no body"),
    ("-", "-", "command", "MakeCall", "decided", "exact", "cmd_make_call", "MakeCall#1001\n0611223344", "the number alone"),
    ("-", "-", "command", "MakeCall", "decided", "exact", "cmd_make_call_from_extension", "MakeCall#1001\n2001,0611223344", "the other reading: extension, number"),
    ("-", "-", "command", "AnswerCall", "decided", "exact", "cmd_answer_call", "AnswerCall#1001\nd-100", "public client: the dialog id"),
    ("-", "-", "command", "HoldCall", "decided", "exact", "cmd_hold_call", "HoldCall#1001\nd-100", "public client"),
    ("-", "-", "command", "RetrieveCall", "decided", "exact", "cmd_retrieve_call", "RetrieveCall#1001\nd-100", "public client"),
    ("-", "-", "command", "ReleaseCall", "decided", "exact", "cmd_release_call", "ReleaseCall#1001\nd-100", "public client"),
    ("-", "-", "command", "ReasonCodes", "decided", "exact", "cmd_reasoncodenotready", "reasoncodenotready#1001\n", "public client"),
    ("-", "-", "command", "ReasonCodes", "decided", "exact", "cmd_reasoncodelogout", "reasoncodelogout#1001\n", "by analogy"),
    ("-", "-", "command", "ReasonCodes", "decided", "exact", "cmd_wrapupreasoncode", "wrapupreasoncode#1001\n", "by analogy"),
    ("-", "-", "command", "AcceptOutboundPreview", "decided", "exact", "cmd_accept_outbound_preview", "AcceptOutboundPreview#1001\nd-200,ACCEPT", "by analogy with reject and close"),
    # --- events of the spec ---
    (124, 124, "event", "AgentInfo", "substituted", "exact", "ev_agent_info_agent",
     "1001#AgentInfo#Alice#Martin#False#OPTIONAL#5000#Alice Martin#amartin", "agent form"),
    (124, 124, "event", "AgentInfo", "repaired", "exact", "ev_agent_info_supervisor",
     "1002#AgentInfo#Bob#Durand#True#REQUIRED#TotalNumberOfTeams:2#5000:Sales|5001:Support#5000#Bob Durand#bdurand",
     "supervisor form; `<team_1_id><team_1_name>` has no separator in the spec: `:` decided"),
    (124, 124, "event", "AgentInfo", "substituted", "stable", "ev_agent_info_supervisor_unseparated",
     "1002#AgentInfo#Bob#Durand#True#REQUIRED#TotalNumberOfTeams:2#5000Sales|5001Support#5000#Bob Durand#bdurand",
     "the spec's literal form: leading digits are the id"),
    (138, 138, "event", "State", "substituted", "exact", "ev_state_not_ready_first",
     "1001#State#NOT_READY#-1#2026-12-01 09:00:00##1764579600000#Alice Martin#1001#2001##Alice Martin#amartin",
     "NOT_READY the first time: -1"),
    (138, 138, "event", "State", "substituted", "exact", "ev_state_ready",
     "1001#State#READY##2026-12-01 09:01:00##1764579660000#Alice Martin#1001#2001##Alice Martin#amartin",
     "READY: empty reason code"),
    (138, 138, "event", "State", "substituted", "exact", "ev_state_not_ready_reason",
     "1001#State#NOT_READY#11#2026-12-01 09:30:00##1764581400000#Alice Martin#1001#2001#Lunch#Alice Martin#amartin",
     "NOT_READY with a reason code and its label"),
    (138, 138, "event", "State", "substituted", "exact", "ev_state_talking_pending",
     "1001#State#TALKING##2026-12-01 10:00:00#NOT_READY#1764583200000#Alice Martin#1001#2001##Alice Martin#amartin",
     "a pending NOT_READY during a call"),
    (138, 138, "event", "State", "substituted", "exact", "ev_state_logout",
     "1001#State#LOGOUT#-1#2026-12-01 08:00:00##1764576000000#Alice Martin#1001###Alice Martin#amartin",
     "LOGOUT the first time: -1; no extension"),
    (138, 138, "event", "State", "substituted", "stable", "ev_state_truncated",
     "1001#State#READY", "missing trailing fields read as empty"),
    (151, 151, "event", "QueueList", "verbatim", "exact", "ev_queue_list_empty",
     "1002#QueueList#", "the spec's payload ends after `QueueList#`: an empty list"),
    (151, 151, "event", "QueueList", "substituted", "exact", "ev_queue_list_ucce",
     "1002#QueueList#queue_name:Sales,Number_of_CallsInQueue:3,Number_of_Agents_Ready:2,Number_of_Agents_NotReady:1,number_of_agents_talking_inbound:4,number_of_agents_talking_outbound:0,number_of_agents_talking_internal:1,number_of_agents_in_wrapup_ready_state:0,number_of_agents_in_wrapup_notready_state:1|queue_name:Support,Number_of_CallsInQueue:0,Number_of_Agents_Ready:1,Number_of_Agents_NotReady:0,number_of_agents_talking_inbound:0,number_of_agents_talking_outbound:0,number_of_agents_talking_internal:0,number_of_agents_in_wrapup_ready_state:0,number_of_agents_in_wrapup_notready_state:0",
     "UCCE payload, the field table's placeholders as keys"),
    (151, 151, "event", "QueueList", "substituted", "exact", "ev_queue_list_uccx_supervisor",
     "1002#QueueList#queue_name:CSQ_Sales,WaitingCalls:2,AgentsLoggedIn:5,AgentsInAfterCallWork:1,AgentsTalking:3,AgentsReserved:0,HandledCalls:42,AbandonedCalls:3,TotalCalls:45,LongestHandleTime:320",
     "UCCX payload for a supervisor"),
    (151, 151, "event", "QueueList", "substituted", "exact", "ev_queue_list_uccx_agent",
     "1001#QueueList#queue_name:CSQ_Sales,WaitingCalls:2,AgentsLoggedIn:5,AgentsInAfterCallWork:1,AgentsTalking:3,AgentsReserved:0,HandledCalls:42,AbandonedCalls:3,TotalCalls:45,LongestHandleTime:320",
     "UCCX payload for an agent"),
    (176, 176, "event", "TeamUsersList", "substituted", "stable", "ev_team_users_list",
     "1002#TeamUsersList#FirstName:Alice,LastName:Martin,Extension:2001,", "the spec's trailing comma"),
    (176, 176, "event", "TeamUsersList", "substituted", "exact", "ev_team_users_list_full",
     "1002#TeamUsersList#FirstName:Alice,LastName:Martin,Extension:2001,LoginID:1001,State:READY,PendingState:,MediaType:Voice,StateChangeTime:2026-12-01T09:01:00Z,StateChangeLabel:|FirstName:Carl,LastName:Petit,Extension:2003,LoginID:1003,State:NOT_READY,PendingState:,MediaType:Voice,StateChangeTime:2026-12-01T09:30:00Z,StateChangeLabel:Lunch",
     "every field of the table, two users"),
    (191, 191, "event", "Phonebooks", "substituted", "exact", "ev_phonebooks",
     "1001#Phonebooks#name:Customers,type:GLOBAL,id:1|name:Partners,type:TEAM,id:2", ""),
    (191, 191, "event", "Phonebooks", "verbatim", "exact", "ev_phonebooks_none",
     "1001#Phonebooks#NoPhoneBookFound", "no data found"),
    (200, 200, "event", "PhonebookContacts", "substituted", "exact", "ev_phonebook_contacts",
     "1001#PhonebookContacts#description:Main office, 2nd floor,firstName:Diane,lastName:Roux,phoneNumber:0611223344,id:7", "a comma inside the description"),
    (200, 200, "event", "PhonebookContacts", "verbatim", "exact", "ev_phonebook_contacts_none",
     "1001#PhonebookContacts#NoContactFound", "no data found"),
    (211, 211, "event", "TeamPhoneBooks", "substituted", "exact", "ev_team_phonebooks",
     "1002#TeamPhoneBooks#name:Team Sales,type:TEAM,id:3", ""),
    (211, 211, "event", "TeamPhoneBooks", "verbatim", "exact", "ev_team_phonebooks_none",
     "1002#TeamPhoneBooks#NoTeamPhoneBookFound", "no data found"),
    # --- events the spec cuts off (decided) ---
    ("-", "-", "event", "ReasonCodes", "decided", "exact", "ev_reason_codes_not_ready",
     "1001#ReasonCodes#reasoncodenotready#11,12,13#Lunch,Meeting,Training", "public client: codes then labels"),
    ("-", "-", "event", "ReasonCodes", "decided", "exact", "ev_reason_codes_logout",
     "1001#ReasonCodes#reasoncodelogout#32767,21#End of shift,Sick", ""),
    ("-", "-", "event", "ReasonCodes", "decided", "exact", "ev_reason_codes_wrap_up",
     "1001#ReasonCodes#wrapupreasoncode#Sale,No sale#Sale,No sale", ""),
    ("-", "-", "event", "NewInboundCall", "decided", "exact", "ev_new_inbound_call",
     "1001#NewInboundCall#0611223344#8000#DialogId:d-100", "public client: caller, called, DialogId:<id>"),
    ("-", "-", "event", "InboundCall", "decided", "exact", "ev_inbound_call_active",
     "1001#InboundCall#ACTIVE#d-100#0611223344", "public client: state, dialog, caller"),
    ("-", "-", "event", "InboundCall", "decided", "exact", "ev_inbound_call_held",
     "1001#InboundCall#HELD#d-100#0611223344", ""),
    ("-", "-", "event", "InboundCall", "decided", "exact", "ev_inbound_call_dropped",
     "1001#InboundCall#DROPPED#d-100#0611223344", ""),
    ("-", "-", "event", "OutboundCall", "decided", "exact", "ev_outbound_call_alerting",
     "1001#OutboundCall#ALERTING#d-300#0611223355", "by analogy with InboundCall"),
    ("-", "-", "event", "ConsultCall", "decided", "exact", "ev_consult_call_initiated",
     "1001#ConsultCall#INITIATED#DialogId:d-101#2002", "public client: DialogId:<id>"),
    ("-", "-", "event", "DialogStatus", "decided", "exact", "ev_dialog_status_preview",
     "1001#DialogStatus#d-200#ALERTING#OUTBOUND_PREVIEW#8000#0611223366#BACampaign:Renewals,BACustomerNumber:0611223366",
     "a preview offer with its call variables"),
    ("-", "-", "event", "DialogStatus", "decided", "exact", "ev_dialog_status_none",
     "1001#DialogStatus######", "no dialog (after a login)"),
    ("-", "-", "event", "SkillGroups", "decided", "exact", "ev_skill_groups",
     "1001#SkillGroups#id:5000,name:Sales|id:5001,name:Support", "answer to GETSKILLGROPU"),
    ("-", "-", "event", "Supervisors", "decided", "exact", "ev_supervisors",
     "1001#Supervisors#FirstName:Bob,LastName:Durand,Extension:2002,LoginID:1002", "answer to GETSUPERVISOR"),
    ("-", "-", "event", "InService", "decided", "exact", "ev_in_service", "client-1#IN_SERVICE", "public client: answer to Hello"),
    ("-", "-", "event", "OutOfService", "decided", "exact", "ev_out_of_service", "client-1#OUT_OF_SERVICE", "public client"),
]

ERRORS = [
    ("MISSING_EXTENSION", "Extension is missing"),
    ("WRONG_EXTENSION", "Extension 2009 is not valid for agent 1001"),
    ("LICENSES_EXCEEDED", "No more licenses"),
    ("MISSING_PASSWORD", "Password is missing"),
    ("USER_NOT_FOUND", "Agent 1001 not found"),
    ("GENERAL_ERROR", "Unknown command FOO"),
    ("CF_GENERIC_UNSPECIFIED", "CTI error"),
    ("CF_INVALID_LOGON_DEVICE_SPECIFIED", "Invalid device 2009"),
    ("CF_RESOURCE_BUSY", "Device 2001 is busy"),
]
for name, message in ERRORS:
    ROWS.append((13, 13, "event", "Error", "decided", "exact", "ev_error_" + name.lower(),
                 "1001#Error#%s#%s" % (name, message), "documented error name (Mobile Agent Login); form decided"))


def main():
    vectors = os.path.join(HERE, "vectors")
    os.makedirs(vectors, exist_ok=True)
    for name in os.listdir(vectors):
        os.remove(os.path.join(vectors, name))
    lines = ["# start\tend\tkind\ttype\tstatus\tcheck\tfile\tnote (generated by generate.py)"]
    for start, end, kind, typ, status, check, name, text, note in ROWS:
        file = name + ".txt"
        with open(os.path.join(vectors, file), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        lines.append("\t".join(str(x) for x in (start, end, kind, typ, status, check, file, note)))
    with open(os.path.join(HERE, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
