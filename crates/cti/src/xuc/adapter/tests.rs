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
