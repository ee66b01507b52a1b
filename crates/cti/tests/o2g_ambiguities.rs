//! One test per documented ambiguity (§8 of `shared/specs/o2g-digest.md`) that the O2G wire
//! types decide. Each test shows both readings decoding and the table form being encoded.
//! The decisions are recorded in `docs/decisions.md` ("O2G wire format").

// Tests state their expectations with expect/panic; a failure is the report.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use cti::o2g::agent::{
    AgentConfig, AgentMainState, AgentSkillActivation, AgentSkills, AgentState, AgentSubState,
    ChangeIntrusionModeRequest, IntrusionMode, IntrusionRequest, LoggOnAgentRequest,
    OnSupervisorHelpRequested, PgRequest, WithdrawAgentRequest, WithdrawReasons,
};
use cti::o2g::comlog::{ComHistoryRecord, OnComRecordsDeleted};
use cti::o2g::event_summary::EventSummary;
use cti::o2g::routing::{DestinationType, DndState, ForwardRoute, RoutingState, SetRoutesRequest};
use cti::o2g::subscription::{
    Package, Selector, Subscription, SubscriptionRequest, SubscriptionState,
};
use cti::o2g::telephony::{
    AcrSkill, Call, CallData, HuntingGroupStatus, Identifier, MakeCallRequest, MediaState,
    Participant, PilotTransferCapa, SendAssociatedDataRequest, TelephonicState, TransferRequest,
};
use cti::o2g::{decode, decode_event, encode, Event};

#[test]
fn ambig_12_subscription_mode_and_format_are_optional_extras() {
    let with: Subscription = decode(
        "Subscription",
        br#"{"subscriptionId":"s1","status":"ACCEPTED","mode":"CHUNK","format":"JSON"}"#,
    )
    .expect("L2199 form");
    let without: Subscription = decode(
        "Subscription",
        br#"{"subscriptionId":"s1","status":"ACCEPTED"}"#,
    )
    .expect("table form");
    assert_eq!(with.status, SubscriptionState::Accepted);
    assert_eq!(with.mode.as_deref(), Some("CHUNK"));
    assert_eq!(without.mode, None);
    let odd: Subscription =
        decode("Subscription", br#"{"status":"PENDING"}"#).expect("new status value");
    assert_eq!(odd.status, SubscriptionState::Unknown);
}

#[test]
fn ambig_13_timeout_zero_is_sent_and_string_minutes_are_read() {
    let request = SubscriptionRequest::for_user("oxe60113", &[Package::Telephony]);
    assert!(encode(&request).contains(r#""timeout":0"#));
    let read: SubscriptionRequest = decode(
        "SubscriptionRequest",
        br#"{"version":"1.0","timeout":"60"}"#,
    )
    .expect("decodes");
    assert_eq!(read.timeout, Some(60));
}

#[test]
fn ambig_15_reserved_session_id_is_read_but_never_written_by_us() {
    let read: SubscriptionRequest = decode(
        "SubscriptionRequest",
        br#"{"sessionId":"...2303639373638343","version":"1.0"}"#,
    )
    .expect("L2214");
    assert!(read.session_id.is_some());
    let ours = SubscriptionRequest::for_user("oxe60113", &Package::AGENT_CONSOLE);
    assert!(!encode(&ours).contains("sessionId"));
}

#[test]
fn ambig_16_selector_ids_are_optional_on_read_and_always_sent() {
    let selector: Selector = decode("Selector", br#"{"names":["system"]}"#).expect("L2221");
    assert!(selector.ids.is_empty());
    assert_eq!(
        encode(&Selector::package("oxe60113", Package::Agent)),
        r#"{"ids":["oxe60113"],"names":["agent"]}"#
    );
}

#[test]
fn ambig_17_put_subscriptions_body_is_a_bare_filter() {
    let filter: cti::o2g::subscription::Filter = decode(
        "Filter",
        br#"{"selectors":[{"ids":["userA"],"names":["telephony"]}]}"#,
    )
    .expect("L2304");
    assert_eq!(filter.selectors.len(), 1);
}

#[test]
fn ambig_22_channel_information_is_the_exact_keepalive() {
    let event = decode_event(br#"{ "eventName": "OnChannelInformation", "text": "keepalive"}"#)
        .expect("L2122");
    assert!(event.is_keepalive());
    assert_eq!(
        cti::o2g::encode_event(&event),
        r#"{"eventName":"OnChannelInformation","text":"keepalive"}"#
    );
    assert_eq!(Package::of_event("OnChannelInformation"), None);
}

#[test]
fn ambig_23_user_info_changed_is_listed_in_two_packages() {
    assert!(Package::User.events().contains(&"OnUserInfoChanged"));
    assert!(Package::UserManagement
        .events()
        .contains(&"OnUserInfoChanged"));
    let event = decode_event(br#"{"eventName":"OnUserInfoChanged","loginName":"oxe1","user":{}}"#)
        .expect("decodes");
    assert!(
        matches!(event, Event::Unknown(_)),
        "not modelled by the agent console, kept whole"
    );
    assert_eq!(event.login_name(), Some("oxe1"));
    // The other named-but-undefined events (L1496, L8949, L2094) are kept whole the same way.
    for body in [
        &br#"{"eventName":"OnPreferencesChanged","loginName":"oxe1"}"#[..],
        br#"{"eventName":"OnServerStart"}"#,
        br#"{"eventName":"OnRsiServiceStarted","rsiNumber":"1"}"#,
    ] {
        let event = decode_event(body).expect("decodes");
        assert!(matches!(event, Event::Unknown(_)), "{event:?}");
    }
}

#[test]
fn ambig_25_associate_data_alias() {
    let table: CallData =
        decode("CallData", br#"{"associateData":"ticket-42"}"#).expect("table spelling");
    let other: CallData =
        decode("CallData", br#"{"associatedData":"ticket-42"}"#).expect("request spelling");
    assert_eq!(table, other);
    assert_eq!(encode(&table), r#"{"associateData":"ticket-42"}"#);
    // Requests are the other way round: `associatedData` written, `associateData` read.
    let request: SendAssociatedDataRequest = decode(
        "SendAssociatedDataRequest",
        br#"{"deviceId":"70125","associateData":"x"}"#,
    )
    .expect("decodes");
    assert_eq!(
        encode(&request),
        r#"{"deviceId":"70125","associatedData":"x"}"#
    );
    let record: ComHistoryRecord =
        decode("ComHistoryRecord", br#"{"comRef":"c","associateData":"x"}"#).expect("decodes");
    assert_eq!(record.associated_data.as_deref(), Some("x"));
}

#[test]
fn ambig_28_make_call_requires_device_id_and_allows_no_callee() {
    let supervisor: MakeCallRequest = decode(
        "MakeCallRequest",
        br#"{"deviceId":"70060","autoAnswer":true,"acdCall":{"callToSupervisor":true}}"#,
    )
    .expect("L2722: no callee");
    assert_eq!(supervisor.callee, None);
    assert!(decode::<MakeCallRequest>("MakeCallRequest", br#"{"callee":"70022"}"#).is_err());
    assert_eq!(
        encode(&MakeCallRequest::new("70021", "70022")),
        r#"{"deviceId":"70021","callee":"70022"}"#
    );
}

#[test]
fn ambig_30_transfer_sends_only_the_held_call_and_tolerates_a_device() {
    assert_eq!(
        encode(&TransferRequest {
            held_call_ref: "ref1".into()
        }),
        r#"{"heldCallRef":"ref1"}"#
    );
    let tolerant: TransferRequest = decode(
        "TransferRequest",
        br#"{"heldCallRef":"ref1","deviceId":"60113"}"#,
    )
    .expect("extra field ignored");
    assert_eq!(tolerant.held_call_ref, "ref1");
}

#[test]
fn ambig_34_pilot_transfer_possible_from_either_shape() {
    let table: PilotTransferCapa = decode(
        "PilotTransferCapa",
        br#"{"number":"60141","transferInfo":{"transferPossible":true,"pilotStatus":"OPEN"}}"#,
    )
    .expect("table form");
    let example: PilotTransferCapa = decode(
        "PilotTransferCapa",
        br#"{"number":"60141","queueState":"s_Opened","possibleTransfer":false}"#,
    )
    .expect("L4499 form");
    assert_eq!(table.is_transfer_possible(), Some(true));
    assert_eq!(example.is_transfer_possible(), Some(false));
}

#[test]
fn ambig_36_absent_user_state_reads_as_unknown() {
    let state: TelephonicState = decode("TelephonicState", br#"{"calls":[]}"#).expect("decodes");
    assert_eq!(state.user_state, None);
    let odd: TelephonicState =
        decode("TelephonicState", br#"{"userState":"AWAY"}"#).expect("new value");
    assert_eq!(
        odd.user_state,
        Some(cti::o2g::telephony::UserState::Unknown)
    );
}

#[test]
fn ambig_37_hunting_group_logon_string_or_bool() {
    let example: HuntingGroupStatus =
        decode("HuntingGroupStatus", br#"{"logon":"true"}"#).expect("L4036");
    let table: HuntingGroupStatus =
        decode("HuntingGroupStatus", br#"{"logon":true}"#).expect("table");
    assert_eq!(example, table);
    assert_eq!(encode(&example), r#"{"logon":true}"#);
}

#[test]
fn ambig_38_dynamic_state_is_the_hunting_group_state() {
    let event = decode_event(br#"{"eventName":"OnDynamicStateChanged","loginName":"oxe1","huntingGroupState":{"logon":"false"}}"#)
        .expect("decodes");
    let Event::OnDynamicStateChanged(e) = event else {
        panic!("wrong variant")
    };
    assert_eq!(
        e.hunting_group_state,
        Some(HuntingGroupStatus { logon: false })
    );
}

#[test]
fn ambig_44_one_identifier_for_all_three_shapes() {
    let voicemail: Identifier = decode(
        "Identifier",
        br#"{"loginName":"oxe1","phoneNumber":"1","instantMessagingId":"im","companyEmail":"a@b"}"#,
    )
    .expect("voicemail shape");
    let telephony: Identifier = decode("Identifier", br#"{"phoneNumber":"1","multiLine":"true"}"#)
        .expect("telephony shape");
    assert_eq!(voicemail.company_email.as_deref(), Some("a@b"));
    assert_eq!(telephony.multi_line, Some(true));
}

#[test]
fn ambig_46_routing_booleans_as_strings() {
    let dnd: DndState = decode("DNDState", br#"{"activate":"true"}"#).expect("L7046");
    assert!(dnd.activate);
    assert_eq!(encode(&dnd), r#"{"activate":true}"#);
    let routes: SetRoutesRequest = decode(
        "SetRoutesRequest",
        br#"{"presentationRoutes":[{"destinations":[{"type":"MOBILE","selected":"false"}]}]}"#,
    )
    .expect("L6995");
    assert_eq!(
        routes.presentation_routes[0].destinations[0].selected,
        Some(false)
    );
}

#[test]
fn ambig_47_current_device_id_is_an_optional_extra() {
    let state: RoutingState = decode(
        "RoutingState",
        br#"{"presentationRoutes":[],"currentDeviceId":"32776"}"#,
    )
    .expect("L7489");
    assert_eq!(state.current_device_id.as_deref(), Some("32776"));
}

#[test]
fn ambig_50_undocumented_destination_types_read_as_unknown() {
    let route: ForwardRoute = decode(
        "ForwardRoute",
        br#"{"destinations":[{"type":"ASSOCIATE","number":"1"}]}"#,
    )
    .expect("decodes");
    assert_eq!(
        route.destinations[0].destination_type,
        DestinationType::Unknown
    );
}

#[test]
fn ambig_51_immediate_forward_is_an_absent_forward_type() {
    let route: ForwardRoute = decode(
        "ForwardRoute",
        br#"{"destinations":[{"type":"VOICEMAIL"}]}"#,
    )
    .expect("L7230");
    assert_eq!(route.forward_type, None);
    assert_eq!(encode(&route), r#"{"destinations":[{"type":"VOICEMAIL"}]}"#);
}

#[test]
fn ambig_52_comlog_example_field_names() {
    let example: ComHistoryRecord =
        decode("ComHistoryRecord", br#"{"recordId":10000,"comref":"009J","acknowledge":false,"archived":false,"attachments":[]}"#)
            .expect("L7914 form");
    assert_eq!(example.com_ref, "009J");
    assert_eq!(example.acknowledged, Some(false));
    assert_eq!(
        encode(&example),
        r#"{"recordId":10000,"comRef":"009J","acknowledged":false}"#
    );
}

#[test]
fn ambig_55_record_ids_are_numbers_and_digit_strings_are_read() {
    let record: ComHistoryRecord =
        decode("ComHistoryRecord", br#"{"recordId":"9988","comRef":"c"}"#).expect("decodes");
    assert_eq!(record.record_id, Some(9988));
}

#[test]
fn ambig_56_comlog_event_names_follow_the_package_list() {
    let all = decode_event(br#"{"eventName":"OnComRecordsDeleted","loginName":"oxe1"}"#)
        .expect("decodes");
    let Event::OnComRecordsDeleted(OnComRecordsDeleted { record_ids, .. }) = all else {
        panic!("wrong variant")
    };
    assert_eq!(record_ids, None, "absent recordIds = every record deleted");
    let singular =
        decode_event(br#"{"eventName":"OnComRecordDeleted","loginName":"oxe1"}"#).expect("decodes");
    assert!(
        matches!(singular, Event::Unknown(_)),
        "the L8036 spelling is not an event of the package"
    );
}

#[test]
fn ambig_58_absent_counter_is_unknown_not_zero() {
    let summary: EventSummary = decode(
        "EventSummary",
        br#"{"missedCallsNb":0,"eventWaiting":true}"#,
    )
    .expect("decodes");
    assert_eq!(summary.missed_calls_nb, Some(0));
    assert_eq!(summary.voice_messages_nb, None);
}

#[test]
fn ambig_67_agent_state_example_names_and_values() {
    let example: AgentState = decode(
        "AgentState",
        br#"{"mainState":"LOGGED_ON","subState":"IDLE","proAcdDeviceNumber":"1002","pgGroupNumber":"5001"}"#,
    )
    .expect("L12890");
    assert_eq!(example.main_state, AgentMainState::LogOn);
    assert_eq!(example.sub_state, Some(AgentSubState::Unrecognized));
    assert_eq!(example.pg_number.as_deref(), Some("5001"));
    let off: AgentState = decode("AgentState", br#"{"mainState":"LOGGED_OFF"}"#).expect("L12895");
    assert_eq!(off.main_state, AgentMainState::LogOff);
    assert_eq!(encode(&off), r#"{"mainState":"LOG_OFF"}"#);
    assert!(encode(&example).contains(r#""pgNumber":"5001""#));
}

#[test]
fn ambig_68_withdraw_reasons_digit_strings() {
    let reasons: WithdrawReasons = decode(
        "WithdrawReasons",
        br#"{"number":"2","reasons":[{"index":"1","label":"Lunch"},{"index":2}]}"#,
    )
    .expect("L13092");
    assert_eq!(reasons.number, 2);
    assert_eq!(reasons.reasons[0].index, 1);
    let request: WithdrawAgentRequest =
        decode("WithdrawAgentRequest", br#"{"reasonIndex":"1"}"#).expect("L13050");
    assert_eq!(encode(&request), r#"{"reasonIndex":1}"#);
    let state: AgentState = decode(
        "AgentState",
        br#"{"mainState":"LOG_ON","subState":"WITHDRAW","withdrawReason":"3"}"#,
    )
    .expect("decodes");
    assert_eq!(state.withdraw_reason, Some(3));
}

#[test]
fn ambig_69_empty_proacd_is_absent_and_headset_string() {
    let config: AgentConfig = decode(
        "AgentConfig",
        br#"{"type":"AGENT","proacd":"","processingGroups":{"preferred":"70700","groups":["70700","70701"]},"headset":"true"}"#,
    )
    .expect("L12344");
    assert_eq!(config.proacd, None);
    assert_eq!(config.headset, Some(true));
    let fixed: AgentConfig =
        decode("AgentConfig", br#"{"type":"AGENT","proacd":"60113"}"#).expect("decodes");
    assert_eq!(fixed.proacd.as_deref(), Some("60113"));
}

#[test]
fn ambig_70_intrusion_mode_is_case_insensitive() {
    let lower: IntrusionRequest = decode(
        "IntrusionRequest",
        br#"{"agentNumber":"123","mode":"restricted"}"#,
    )
    .expect("L12562");
    assert_eq!(lower.mode, Some(IntrusionMode::Restricted));
    assert_eq!(
        encode(&lower),
        r#"{"agentNumber":"123","mode":"RESTRICTED"}"#
    );
    let change: ChangeIntrusionModeRequest =
        decode("ChangeIntrusionModeRequest", br#"{"mode":"Stop"}"#).expect("decodes");
    assert_eq!(change.mode, IntrusionMode::Stop);
}

#[test]
fn ambig_72_help_event_agent_number_is_the_other_party() {
    let event = decode_event(br#"{"eventName":"OnSupervisorHelpRequested","loginName":"oxe60113","agentNumber":"60120"}"#)
        .expect("decodes");
    let Event::OnSupervisorHelpRequested(OnSupervisorHelpRequested { agent_number, .. }) = event
    else {
        panic!("wrong variant")
    };
    assert_eq!(agent_number.as_deref(), Some("60120"));
}

#[test]
fn ambig_73_logg_on_request_keeps_the_spec_spelling_and_shape() {
    let request = LoggOnAgentRequest {
        pro_acd_device_number: "60113".into(),
        pg_group_number: Some("60121".into()),
        headset: None,
    };
    assert_eq!(
        encode(&request),
        r#"{"proAcdDeviceNumber":"60113","pgGroupNumber":"60121"}"#
    );
}

#[test]
fn ambig_77_exit_pg_without_a_group_is_an_empty_body() {
    assert_eq!(encode(&PgRequest::default()), "{}");
    let read: PgRequest = decode("PGRequest", b"{}").expect("decodes");
    assert_eq!(read.pg_group_number, None);
}

#[test]
fn ambig_14_unknown_selector_fields_of_the_example_are_ignored() {
    // L2209-2217 minus the stray `}`: `families` and `origins` are in no table.
    let read: SubscriptionRequest = decode(
        "SubscriptionRequest",
        br#"{"filter":{"selectors":[{"ids":["oxe60113"],"names":["telephony"],"families":["a"],"origins":["b"]}]},"version":"1.0"}"#,
    )
    .expect("extra selector fields are ignored");
    let selectors = read.filter.expect("filter").selectors;
    assert_eq!(selectors[0].ids, ["oxe60113"]);
    assert_eq!(selectors[0].names, ["telephony"]);
    let ours = encode(&Selector {
        ids: vec!["oxe60113".into()],
        names: vec!["telephony".into()],
    });
    assert_eq!(ours, r#"{"ids":["oxe60113"],"names":["telephony"]}"#);
    // The stray brace itself is malformed JSON: an error, not a guess (AMBIG-32).
    assert!(
        decode::<SubscriptionRequest>("SubscriptionRequest", br#"{"version":"1.0"}}"#).is_err()
    );
}

#[test]
fn ambig_35_participant_state_is_optional() {
    let two_party: Participant = decode(
        "Participant",
        br#"{"participantId":"p1","identity":{"id":{"loginName":"oxe60114"}}}"#,
    )
    .expect("no state in a 2-party call");
    assert_eq!(two_party.state, None);
    let conference: Participant = decode(
        "Participant",
        br#"{"participantId":"p2","state":"RINGING_INCOMING"}"#,
    )
    .expect("state in a 3+ party call");
    assert_eq!(conference.state, Some(MediaState::RingingIncoming));
    assert!(!encode(&two_party).contains("state"));
}

#[test]
fn ambig_41_call_refs_are_opaque_strings() {
    for reference in ["49bfa0564a030100", "1", "a/b c+é", "5eed000000010100"] {
        let body = format!(r#"{{"callRef":"{reference}"}}"#);
        let call: Call = decode("Call", body.as_bytes()).expect("any string");
        assert_eq!(call.call_ref, reference);
        assert_eq!(encode(&call), body, "kept verbatim");
    }
    // A number is not a reference: the type is string.
    assert!(decode::<Call>("Call", br#"{"callRef":4911}"#).is_err());
}

#[test]
fn ambig_75_every_table_sub_state_is_known() {
    for (wire, state) in [
        ("READY", AgentSubState::Ready),
        ("OUT_OF_PG", AgentSubState::OutOfPg),
        ("BUSY", AgentSubState::Busy),
        (
            "TRANSACTION_CODE_INPUT",
            AgentSubState::TransactionCodeInput,
        ),
        ("WRAPUP", AgentSubState::Wrapup),
        ("PAUSE", AgentSubState::Pause),
        ("WITHDRAW", AgentSubState::Withdraw),
        ("WRAPUP_IM", AgentSubState::WrapupIm),
        ("WRAPUP_EMAIL", AgentSubState::WrapupEmail),
        (
            "WRAPUP_EMAIL_INTERRUPTIBLE",
            AgentSubState::WrapupEmailInterruptible,
        ),
        ("WRAPUP_OUTBOUND", AgentSubState::WrapupOutbound),
        ("WRAPUP_CALLBACK", AgentSubState::WrapupCallback),
    ] {
        let body = format!(r#"{{"mainState":"LOG_ON","subState":"{wire}"}}"#);
        let read: AgentState = decode("AgentState", body.as_bytes()).expect("table value");
        assert_eq!(read.sub_state, Some(state), "{wire}");
        assert_eq!(encode(&read), body);
    }
    // Beyond the truncated example's `...` (L13212): anything else is unrecognized.
    let other: AgentState = decode(
        "AgentState",
        br#"{"mainState":"LOG_ON","subState":"LUNCH"}"#,
    )
    .expect("decodes");
    assert_eq!(other.sub_state, Some(AgentSubState::Unrecognized));
}

#[test]
fn ambig_76_two_skill_models_and_a_bare_activation_list() {
    let agent: AgentSkills = decode(
        "AgentSkills",
        br#"{"skills":[{"number":1,"level":2,"active":true},{"number":"3","level":"1","active":"false"}]}"#,
    )
    .expect("agent skills");
    assert_eq!(agent.skills[0].number, Some(1));
    assert_eq!(agent.skills[1].active, Some(false));
    let acr: AcrSkill = decode(
        "ACRSkill",
        br#"{"skillNumber":7,"acrStatus":true,"expertEvalLevel":3}"#,
    )
    .expect("ACR skill");
    assert_eq!(acr.skill_number, Some(7));
    // The activation body: the table's object, and the bare list of the text (L13187).
    let table: AgentSkillActivation =
        decode("AgentSkillActivation", br#"{"skills":[1,3]}"#).expect("table form");
    let bare: AgentSkillActivation = decode("AgentSkillActivation", b"[1,3]").expect("bare list");
    assert_eq!(table, bare);
    assert_eq!(table.skills, [1, 3]);
    assert_eq!(encode(&bare), r#"{"skills":[1,3]}"#);
    assert!(decode::<AgentSkillActivation>("AgentSkillActivation", br#""1,3""#).is_err());
}
