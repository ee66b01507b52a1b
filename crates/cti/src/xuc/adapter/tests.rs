//! The XuC adapter alone: the frame of every intent, the chores, XuC's extras.

use serde_json::{json, Value};

use super::*;
use crate::machine::{Config, Machine};
use crate::model::{CallRef, ReasonId, RecordingControl};
use crate::xuc::callback::CallbackStatus;
use crate::xuc::wire::Nullable;

fn frames(adapter: &mut XucAdapter) -> Vec<Value> {
    let mut frames = Vec::new();
    while let Some(output) = adapter.poll_output() {
        if let AdapterOutput::Transmit(Transmit {
            payload: Payload::Frame(text),
            ..
        }) = output
        {
            frames.push(serde_json::from_str(&text).expect("our frames are JSON"));
        }
    }
    frames
}

fn outputs(adapter: &mut XucAdapter) -> Vec<AdapterOutput> {
    std::iter::from_fn(|| adapter.poll_output()).collect()
}

fn receive(adapter: &mut XucAdapter, desk: &Desk, frame: Value) -> Vec<AdapterOutput> {
    adapter.handle_received(Instant::ZERO, desk, frame.to_string().as_bytes());
    outputs(adapter)
}

fn encoded(agent: Option<Id>, intent: Intent) -> Result<Vec<Value>, Refusal> {
    commands_for(agent, intent).map(|commands| {
        commands
            .iter()
            .map(|c| serde_json::from_str(&encode_command(c)).expect("JSON"))
            .collect()
    })
}

#[test]
fn every_supported_intent_has_its_frame() {
    let call = || CallRef::new("1469709960.78");
    let agent = Some(Id(19));
    let cases: Vec<(Intent, Value)> = vec![
        (
            Intent::MakeCall {
                to: "04 27 46 63 47".into(),
            },
            json!({"claz":"web","command":"dial","destination":"0427466347"}),
        ),
        (
            Intent::Answer { call: call() },
            json!({"claz":"web","command":"answer","uniqueId":"1469709960.78"}),
        ),
        (
            Intent::HangUp { call: call() },
            json!({"claz":"web","command":"hangup","uniqueId":"1469709960.78"}),
        ),
        (
            Intent::Hold { call: call() },
            json!({"claz":"web","command":"hold","uniqueId":"1469709960.78"}),
        ),
        (
            Intent::Retrieve { call: call() },
            json!({"claz":"web","command":"hold","uniqueId":"1469709960.78"}),
        ),
        (
            Intent::Consult {
                call: call(),
                to: "1002".into(),
            },
            json!({"claz":"web","command":"attendedTransfer","destination":"1002"}),
        ),
        (
            Intent::CancelConsult {
                held: call(),
                consult: CallRef::new("2"),
            },
            json!({"claz":"web","command":"cancelTransfer"}),
        ),
        (
            Intent::Transfer {
                active: CallRef::new("2"),
                held: call(),
            },
            json!({"claz":"web","command":"completeTransfer"}),
        ),
        (
            Intent::BlindTransfer {
                call: call(),
                to: "1003".into(),
            },
            json!({"claz":"web","command":"directTransfer","destination":"1003"}),
        ),
        (
            Intent::Merge {
                active: CallRef::new("2"),
                held: call(),
            },
            json!({"claz":"web","command":"conference"}),
        ),
        (
            Intent::Record {
                call: call(),
                control: RecordingControl::Resume,
            },
            json!({"claz":"web","command":"monitorUnpause","agentid":19}),
        ),
        (
            Intent::GoReady,
            json!({"claz":"web","command":"unpauseAgent","agentid":19}),
        ),
        (
            Intent::Pause,
            json!({"claz":"web","command":"pauseAgent","agentid":19}),
        ),
        (
            Intent::Withdraw {
                reason: ReasonId::new("lunch"),
            },
            json!({"claz":"web","command":"pauseAgent","agentid":19,"reason":"lunch"}),
        ),
        (
            Intent::LogOn {
                device: "1000".into(),
                group: Some("ignored".into()),
            },
            json!({"claz":"web","command":"agentLogin","agentphonenumber":"1000","agentid":19}),
        ),
        (
            Intent::LogOff,
            json!({"claz":"web","command":"agentLogout","agentid":19}),
        ),
    ];
    for (intent, frame) in cases {
        let kind = intent.kind();
        assert!(CAPABILITIES.contains(&kind), "{kind:?} is declared");
        assert_eq!(encoded(agent, intent), Ok(vec![frame]), "{kind:?}");
    }
    assert_eq!(
        encoded(None, Intent::LogOff),
        Ok(vec![json!({"claz":"web","command":"agentLogout"})]),
        "an unknown agent is the user's own: agentid absent"
    );
}

#[test]
fn what_xuc_lacks_is_refused_as_not_supported() {
    for control in [RecordingControl::Start, RecordingControl::Stop] {
        let record = Intent::Record {
            call: CallRef::new("1"),
            control,
        };
        assert!(matches!(
            encoded(None, record),
            Err(Refusal::NotSupported { .. })
        ));
    }
    let adapter = XucAdapter::new(XucConfig::default());
    for kind in IntentKind::ALL {
        assert_eq!(
            adapter.capabilities().supports(kind),
            CAPABILITIES.contains(&kind),
            "{kind:?}"
        );
    }
    assert!(matches!(
        encoded(None, Intent::WrapUp),
        Err(Refusal::NotSupported {
            what: "enter wrap-up"
        })
    ));
}

#[test]
fn an_intent_has_one_outcome_after_its_frames() {
    let mut adapter = XucAdapter::new(XucConfig::default());
    let machine = Machine::new(Instant::ZERO, Config::default());
    adapter
        .send(
            Instant::ZERO,
            &machine,
            IntentId(7),
            Intent::SendDtmf {
                call: CallRef::new("1"),
                digits: "12".into(),
            },
        )
        .expect("queued");
    let out = outputs(&mut adapter);
    assert_eq!(out.len(), 3);
    assert!(matches!(
        out[2],
        AdapterOutput::Outcome {
            intent: IntentId(7),
            result: Ok(())
        }
    ));
}

#[test]
fn the_heartbeat_runs_once_the_socket_is_open() {
    let mut adapter = XucAdapter::new(XucConfig::default());
    let desk = Desk::new(Instant::ZERO);
    assert_eq!(adapter.poll_timeout(), None, "no socket, no ping");
    adapter.resync(Instant::from_millis(1_000), &desk);
    assert!(frames(&mut adapter).is_empty());
    assert_eq!(adapter.poll_timeout(), Some(Instant::from_millis(6_000)));
    adapter.handle_timeout(Instant::from_millis(5_999), &desk);
    assert!(frames(&mut adapter).is_empty(), "not yet");
    adapter.handle_timeout(Instant::from_millis(6_000), &desk);
    adapter.handle_timeout(Instant::from_millis(11_000), &desk);
    assert_eq!(
        frames(&mut adapter),
        [json!({"claz":"ping"}), json!({"claz":"ping"})]
    );
    assert_eq!(adapter.missed_pings(), 2);
    adapter.handle_received(Instant::from_millis(11_500), &desk, b"garbage");
    assert_eq!(adapter.missed_pings(), 0, "any frame answers");
}

#[test]
fn the_agent_is_recognized_by_its_line_until_its_id_is_known() {
    let mut adapter = XucAdapter::new(XucConfig {
        phone_number: Some("1000".into()),
        ..XucConfig::default()
    });
    let desk = Desk::new(Instant::ZERO);
    let other = json!({"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentReady","agentId":8,"phoneNb":"1001"}});
    assert!(receive(&mut adapter, &desk, other).is_empty());
    let ours = json!({"msgType":"AgentStateEvent","ctiMessage":{"name":"AgentOnPause","agentId":19,"phoneNb":"1000","cause":"lunch"}});
    let out = receive(&mut adapter, &desk, ours);
    assert_eq!(adapter.agent_id(), Some(Id(19)));
    assert!(matches!(
        out.as_slice(),
        [AdapterOutput::Update(Update::Agent(crate::model::AgentReport::LoggedOn {
            activity: crate::model::ActivityReport::Withdrawn(Some(reason)),
            ..
        }))] if reason.as_str() == "lunch"
    ));
}

#[test]
fn a_snapshot_of_the_current_calls_replaces_the_calls() {
    let mut adapter = XucAdapter::new(XucConfig::default());
    let desk = Desk::new(Instant::ZERO);
    let out = receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CurrentCallsPhoneEvents","ctiMessage":{"events":[
            {"eventType":"EventEstablished","DN":"1000","otherDN":"1001","uniqueId":"1.1"},
            {"eventType":"EventOnHold","DN":"1000","otherDN":"1002","uniqueId":"2.2"},
            {"eventType":"EventReleased","DN":"1000","uniqueId":"3.3"}]}}),
    );
    let [AdapterOutput::Update(Update::CallsSnapshot(calls))] = out.as_slice() else {
        panic!("{out:?}");
    };
    let refs: Vec<&str> = calls.iter().map(|c| c.reference.as_str()).collect();
    assert_eq!(refs, ["1.1", "2.2"]);
}

#[test]
fn callbacks_membership_statistics_and_listening_are_kept_for_the_widget() {
    let mut adapter = XucAdapter::new(XucConfig {
        agent_id: Some(Id(2)),
        ..XucConfig::default()
    });
    let desk = Desk::new(Instant::ZERO);
    let request = |uuid: &str| json!({"uuid": uuid, "listUuid": "l1", "phoneNumber": "0230210082", "agentId": null, "dueDate": "2016-08-01"});
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackLists","ctiMessage":[{"uuid":"l1","name":"Test","queueId":1,"callbacks":[request("a"), request("b")]}]}),
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackTaken","ctiMessage":{"uuid":"a","agentId":3}}),
    );
    assert_eq!(
        adapter.extras().callbacks_for(Some(Id(2))).len(),
        1,
        "another agent took a"
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackReleased","ctiMessage":{"uuid":"a"}}),
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackTaken","ctiMessage":{"uuid":"b","agentId":2}}),
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackStarted","ctiMessage":{"requestUuid":"b","ticketUuid":"t1"}}),
    );
    assert_eq!(adapter.extras().ticket("b"), Some("t1"));
    let mut moved = request("a");
    moved["dueDate"] = json!("2016-08-02");
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackRequestUpdated","ctiMessage":{"request": moved}}),
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"CallbackClotured","ctiMessage":{"uuid":"b"}}),
    );
    let left = adapter.extras().callbacks_for(Some(Id(2)));
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].due_date, Nullable::Value("2016-08-02".into()));
    assert_eq!(adapter.extras().ticket("b"), None);

    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"QueueMember","ctiMessage":{"agentId":2,"queueId":5,"penalty":3}}),
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"QueueMember","ctiMessage":{"agentId":9,"queueId":6,"penalty":0}}),
    );
    let queues: Vec<(Id, i64)> = adapter
        .extras()
        .membership()
        .map(|m| (m.queue_id, m.penalty))
        .collect();
    assert_eq!(queues, [(Id(5), 3)], "only the user's own agent");
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"QueueMember","ctiMessage":{"agentId":2,"queueId":5,"penalty":-1}}),
    );
    assert_eq!(adapter.extras().membership().count(), 0);

    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"AgentStatistics","ctiMessage":{"id":2,"statistics":[{"name":"AgentReadyTotalTime","value":434}]}}),
    );
    assert_eq!(
        adapter.extras().statistics().get("AgentReadyTotalTime"),
        Some(&json!(434))
    );
    receive(
        &mut adapter,
        &desk,
        json!({"msgType":"AgentListen","ctiMessage":{"started":true,"agentId":2}}),
    );
    assert!(adapter.extras().listened());
    assert!(CallbackStatus::Answered.closes() && !CallbackStatus::Callback.closes());
}

mod work {
    //! Callbacks, queues, statistics and the screen pop, through a session: XuC's messages
    //! fill the neutral desk, and the neutral intents become XuC's commands.

    use super::*;
    use crate::model::{CallbackOutcome, CallbackTaker};
    use crate::session::{Input, Output, Session};

    fn session() -> Session<XucAdapter> {
        let mut session = Session::new(
            Instant::ZERO,
            Config::default(),
            XucAdapter::new(XucConfig::default()),
        );
        session.handle(Instant::ZERO, Input::Connected);
        session
    }

    fn feed(session: &mut Session<XucAdapter>, at: u64, msg_type: &str, payload: Value) {
        let frame = json!({"msgType": msg_type, "ctiMessage": payload}).to_string();
        session.handle(Instant::from_millis(at), Input::Received(frame.as_bytes()));
    }

    fn sent(session: &mut Session<XucAdapter>) -> Vec<Value> {
        std::iter::from_fn(|| session.poll_output())
            .filter_map(|output| match output {
                Output::Transmit(Transmit {
                    payload: Payload::Frame(text),
                    ..
                }) => serde_json::from_str(&text).ok(),
                _ => None,
            })
            .filter(|frame: &Value| frame["claz"] == "web")
            .collect()
    }

    fn request(uuid: &str, due: &str, period: &str, agent: Value) -> Value {
        json!({"uuid": uuid, "listUuid": "cbl-1", "phoneNumber": "0478123403",
            "mobilePhoneNumber": null, "firstName": "Sofia", "lastName": "Rossi",
            "company": "Rossi & Figli", "description": "Quote", "agentId": agent,
            "dueDate": due, "preferredPeriod": {"uuid": period, "name": period,
                "periodStart": if period == "period-1" { "08:00:00" } else { "14:00:00" }}})
    }

    /// Agent 19, member of queue 3 (penalty 2) of the three queues listed, with a list of
    /// three callback requests: one free, one of agent 19, one of agent 20 (Bruno Petit).
    fn configured() -> Session<XucAdapter> {
        let mut session = session();
        feed(
            &mut session,
            0,
            "AgentConfig",
            json!({"id": 19, "firstname": "Alice", "lastname": "Martin", "number": "70120",
            "member": [{"queue_name": "sales", "queue_id": 3, "penalty": 2}]}),
        );
        feed(
            &mut session,
            0,
            "AgentList",
            json!([{"id": 20, "firstName": "Bruno", "lastName": "Petit", "number": "70121"}]),
        );
        feed(
            &mut session,
            0,
            "QueueList",
            json!([{"id": 3, "name": "sales", "displayName": "Sales line", "number": "60141"},
                {"id": 4, "name": "support", "displayName": "Support line", "number": "60142"}]),
        );
        feed(
            &mut session,
            0,
            "CallbackPreferredPeriods",
            json!([{"uuid": "period-1", "name": "Morning", "default": true,
                "periodStart": "08:00:00", "periodEnd": "12:00:00"},
                {"uuid": "period-2", "name": "Afternoon", "periodStart": "14:00:00",
                "periodEnd": "18:00:00"}]),
        );
        feed(
            &mut session,
            0,
            "CallbackLists",
            json!([{"uuid": "cbl-1", "name": "Sales callbacks", "queueId": 3, "callbacks": [
                request("cb-3", "2026-12-02", "period-1", json!(null)),
                request("cb-2", "2026-12-01", "period-2", json!(20)),
                request("cb-1", "2026-12-01", "period-1", json!(19)),
            ]}]),
        );
        sent(&mut session);
        session
    }

    #[test]
    fn callbacks_are_listed_by_due_date_and_period_with_who_holds_them() {
        let session = configured();
        let desk = session.desk();
        let ids: Vec<&str> = desk.callbacks().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["cb-1", "cb-2", "cb-3"]);
        let first = &desk.callbacks()[0];
        assert_eq!(first.taken, Some(CallbackTaker::Me));
        assert_eq!(first.name.as_deref(), Some("Sofia Rossi"));
        assert_eq!(first.list, "Sales callbacks");
        assert_eq!(first.number.as_deref(), Some("0478123403"));
        assert_eq!(first.mobile, None);
        assert!(!first.called);
        assert_eq!(
            desk.callbacks()[1].taken,
            Some(CallbackTaker::Other("Bruno Petit".into()))
        );
        assert_eq!(desk.callbacks()[2].taken, None);
        let periods: Vec<&str> = desk
            .callback_periods()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(periods, ["Morning", "Afternoon"]);
        assert!(desk.callback_periods()[0].default);
    }

    #[test]
    fn a_callback_is_taken_called_closed_or_rescheduled_and_released() {
        let mut session = configured();
        let now = Instant::ZERO;
        // Another agent's request cannot be taken; a free one can, and is seen taken live.
        assert!(matches!(
            session.allows(&Intent::TakeCallback {
                request: "cb-2".into()
            }),
            Err(Refusal::WrongCallbackState { .. })
        ));
        session
            .send(
                now,
                Intent::TakeCallback {
                    request: "cb-3".into(),
                },
            )
            .expect("free");
        assert_eq!(
            sent(&mut session),
            [json!({"claz":"web","command":"takeCallback","uuid":"cb-3"})]
        );
        feed(
            &mut session,
            0,
            "CallbackTaken",
            json!({"uuid": "cb-3", "agentId": 20}),
        );
        assert_eq!(
            session
                .desk()
                .callback("cb-3")
                .and_then(|c| c.taken.clone()),
            Some(CallbackTaker::Other("Bruno Petit".into()))
        );
        feed(&mut session, 0, "CallbackReleased", json!({"uuid": "cb-3"}));
        assert_eq!(
            session
                .desk()
                .callback("cb-3")
                .and_then(|c| c.taken.clone()),
            None
        );

        // Its own: closing waits for the call; the call is one of the request's numbers.
        let close = Intent::CloseCallback {
            request: "cb-1".into(),
            outcome: CallbackOutcome::Answered,
            comment: "Quote sent".into(),
        };
        assert!(matches!(
            session.allows(&close),
            Err(Refusal::WrongCallbackState { .. })
        ));
        assert!(session
            .allows(&Intent::StartCallback {
                request: "cb-1".into(),
                number: "0899".into()
            })
            .is_err());
        session
            .send(
                now,
                Intent::StartCallback {
                    request: "cb-1".into(),
                    number: "04 78 12 34 03".into(),
                },
            )
            .expect("its number");
        assert_eq!(
            sent(&mut session),
            [json!({"claz":"web","command":"startCallback","uuid":"cb-1","number":"0478123403"})]
        );
        feed(
            &mut session,
            0,
            "CallbackStarted",
            json!({"requestUuid": "cb-1", "ticketUuid": "ticket-7"}),
        );
        assert!(session.desk().callback("cb-1").is_some_and(|c| c.called));
        let reschedule = Intent::RescheduleCallback {
            request: "cb-1".into(),
            due: "2026-12-03".into(),
            period: "period-2".into(),
            comment: String::new(),
        };
        assert!(session
            .allows(&Intent::RescheduleCallback {
                request: "cb-1".into(),
                due: "next week".into(),
                period: "period-2".into(),
                comment: String::new(),
            })
            .is_err());
        assert!(session
            .allows(&Intent::RescheduleCallback {
                request: "cb-1".into(),
                due: "2026-12-03".into(),
                period: "period-9".into(),
                comment: String::new(),
            })
            .is_err());
        session.send(now, reschedule).expect("called");
        assert_eq!(
            sent(&mut session),
            [
                json!({"claz":"web","command":"updateCallbackTicket","uuid":"ticket-7",
                "status":"Callback","dueDate":"2026-12-03","periodUuid":"period-2"})
            ]
        );
        session.send(now, close).expect("called");
        assert_eq!(
            sent(&mut session),
            [
                json!({"claz":"web","command":"updateCallbackTicket","uuid":"ticket-7",
                "status":"Answered","comment":"Quote sent"})
            ]
        );
        feed(&mut session, 0, "CallbackClotured", json!({"uuid": "cb-1"}));
        assert!(session.desk().callback("cb-1").is_none());

        // Released, a request forgets its ticket: it must be called again to be closed.
        feed(
            &mut session,
            0,
            "CallbackTaken",
            json!({"uuid": "cb-3", "agentId": 19}),
        );
        feed(
            &mut session,
            0,
            "CallbackStarted",
            json!({"requestUuid": "cb-3", "ticketUuid": "ticket-8"}),
        );
        assert!(session.desk().callback("cb-3").is_some_and(|c| c.called));
        session
            .send(
                now,
                Intent::ReleaseCallback {
                    request: "cb-3".into(),
                },
            )
            .expect("mine");
        assert_eq!(
            sent(&mut session),
            [json!({"claz":"web","command":"releaseCallback","uuid":"cb-3"})]
        );
        feed(&mut session, 0, "CallbackReleased", json!({"uuid": "cb-3"}));
        let request = session.desk().callback("cb-3").expect("still listed");
        assert!(request.taken.is_none() && !request.called);
    }

    #[test]
    fn queues_are_joined_left_and_their_penalty_changed() {
        let mut session = configured();
        let now = Instant::ZERO;
        let penalties: Vec<(String, Option<u32>)> = session
            .desk()
            .queues()
            .iter()
            .map(|q| (q.name.clone(), q.penalty))
            .collect();
        assert_eq!(
            penalties,
            [
                ("Sales line".to_owned(), Some(2)),
                ("Support line".to_owned(), None)
            ]
        );
        assert!(matches!(
            session.allows(&Intent::LeaveQueue { queue: "4".into() }),
            Err(Refusal::AlreadyInState { .. })
        ));
        assert!(matches!(
            session.allows(&Intent::JoinQueue {
                queue: "3".into(),
                penalty: 2
            }),
            Err(Refusal::AlreadyInState { .. })
        ));
        assert!(session
            .allows(&Intent::JoinQueue {
                queue: "9".into(),
                penalty: 0
            })
            .is_err());
        session
            .send(
                now,
                Intent::JoinQueue {
                    queue: "4".into(),
                    penalty: 5,
                },
            )
            .expect("a queue to join");
        session
            .send(now, Intent::LeaveQueue { queue: "3".into() })
            .expect("a member");
        assert_eq!(
            sent(&mut session),
            [
                json!({"claz":"web","command":"setAgentQueue","agentId":19,"queueId":4,"penalty":5}),
                json!({"claz":"web","command":"removeAgentFromQueue","agentId":19,"queueId":3}),
            ]
        );
        feed(
            &mut session,
            0,
            "QueueMember",
            json!({"agentId": 19, "queueId": 4, "penalty": 5}),
        );
        feed(
            &mut session,
            0,
            "QueueMember",
            json!({"agentId": 19, "queueId": 3, "penalty": -1}),
        );
        feed(
            &mut session,
            0,
            "QueueMember",
            json!({"agentId": 20, "queueId": 3, "penalty": 7}),
        );
        let penalties: Vec<Option<u32>> =
            session.desk().queues().iter().map(|q| q.penalty).collect();
        assert_eq!(penalties, [None, Some(5)]);
    }

    #[test]
    fn statistics_count_from_when_they_arrived() {
        let mut session = configured();
        feed(
            &mut session,
            4_000,
            "AgentStatistics",
            json!({"id": 19, "statistics": [
                {"name": "AgentReadyTotalTime", "value": 120},
                {"name": "AgentPausedTotalTime", "value": 30},
                {"name": "AgentWrapupTotalTime", "value": 15},
                {"name": "LoginDateTime", "value": "2026-12-01T08:00:00.000Z"},
                {"name": "LogoutDateTime", "value": null}]}),
        );
        let stats = session.desk().statistics().expect("reported").clone();
        assert_eq!(stats.ready, core::time::Duration::from_secs(120));
        assert_eq!(stats.paused, core::time::Duration::from_secs(30));
        assert_eq!(stats.wrap_up, core::time::Duration::from_secs(15));
        assert_eq!(
            stats.logged_in_at.as_deref(),
            Some("2026-12-01T08:00:00.000Z")
        );
        assert_eq!(stats.logged_out_at, None);
        assert_eq!(stats.reported_at, Instant::from_millis(4_000));
        session
            .send(Instant::ZERO, Intent::RefreshStatistics)
            .expect("offered");
        assert_eq!(
            sent(&mut session),
            [json!({"claz":"web","command":"subscribeToAgentStats"})]
        );
    }

    #[test]
    fn a_sheet_is_a_screen_pop_with_its_page_and_fields() {
        let mut session = configured();
        feed(
            &mut session,
            0,
            "PhoneEvent",
            json!({"eventType": "EventRinging", "DN": "70120", "otherDN": "0478123403",
                "uniqueId": "17.3", "linkedId": "17.3", "queueName": "Sales line"}),
        );
        feed(
            &mut session,
            0,
            "Sheet",
            json!({"compressed": false, "serial": "xml", "channel": "17.3",
                "payload": {"profile": {"user": {"sheetInfo": [
                    {"name": "Number", "value": "0478123403", "type": "text", "order": 2},
                    {"name": "Name", "value": "Sofia Rossi", "type": "title", "order": 1},
                    {"name": "popupUrl", "value": "https://crm.example.com/c?n=0478123403",
                        "type": "url", "order": 3}]}}}}),
        );
        let pops: Vec<_> = std::iter::from_fn(|| session.poll_output())
            .filter_map(|o| match o {
                Output::Notification(crate::machine::Notification::ScreenPop(pop)) => Some(pop),
                _ => None,
            })
            .collect();
        assert_eq!(pops.len(), 1);
        let pop = &pops[0];
        assert_eq!(pop.call, Some(CallRef::new("17.3")));
        assert_eq!(
            pop.url.as_deref(),
            Some("https://crm.example.com/c?n=0478123403")
        );
        assert_eq!(
            pop.fields,
            [
                ("Name".to_owned(), "Sofia Rossi".to_owned()),
                ("Number".to_owned(), "0478123403".to_owned())
            ]
        );
        assert_eq!(session.desk().screen_pop(), Some(pop));
    }

    #[test]
    fn logged_on_subscribes_to_the_queues_and_the_periods_too() {
        let mut session = session();
        feed(&mut session, 0, "LoggedOn", json!({"login": "oxe70120"}));
        let frames = sent(&mut session);
        assert!(frames.contains(&json!({"claz":"web","command":"getList","objectType":"queue"})));
        assert!(frames.contains(&json!({"claz":"web","command":"getCallbackPreferredPeriods"})));
    }
}
