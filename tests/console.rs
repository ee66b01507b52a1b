//! The agent console, mounted in headless Chromium and fed realistic O2G events.

// Browser tests are not `#[test]` functions, so clippy.toml's test allowances miss them:
// failing loudly is what a test is for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use agentdesk::components::{ConsoleView, StatusBar, ToastRegion};
use agentdesk::console::ConsoleState;
use agentdesk::hooks::{shortcut_of, Shortcut};
use agentdesk::toasts::Toasts;
use agentdesk::transport::ConnectionState;
use common::o2g::*;
use common::scripted::ScriptedDriver;
use common::{mount, query, set_input, wait_until};
use cti::machine::Update as DeskUpdate;
use cti::model::Instant;
use cti::model::{AgentProfile, Intent, Reason, ReasonId};
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A console with no gateway, whose clock the test sets.
fn console(clock: RwSignal<Instant>) -> ConsoleState {
    console_on(&ScriptedDriver::default(), clock)
}

/// A console whose requests `driver` answers.
fn console_on(driver: &ScriptedDriver, clock: RwSignal<Instant>) -> ConsoleState {
    ConsoleState::new(driver.handle(), clock.into())
}

fn mount_console(console: ConsoleState) -> (HtmlElement, impl Drop) {
    let (host, handle) = mount(move || {
        view! { <ConsoleView console=console connection=ConnectionState::Connected(agentdesk::transport::ChannelKind::WebSocket) login=ME /> }
    });
    (host, DropHandle(Some(handle)))
}

/// Keeps the mounted view alive until the end of the test.
struct DropHandle<T>(Option<T>);
impl<T> Drop for DropHandle<T> {
    fn drop(&mut self) {
        self.0.take();
    }
}

fn text(host: &HtmlElement, selector: &str) -> String {
    query(host, selector).inner_text()
}

fn disabled(host: &HtmlElement, selector: &str) -> bool {
    query(host, selector).has_attribute("disabled")
}

fn call_button(host: &HtmlElement, call: &str, action: &str) -> HtmlElement {
    query(
        host,
        &format!("[data-call-ref='{call}'] [data-testid='{action}']"),
    )
}

#[wasm_bindgen_test]
async fn status_bar_shows_the_state_and_the_time_in_it() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount(move || view! { <StatusBar console=console /> });
    leptos::task::tick().await;
    assert_eq!(text(&host, "[data-testid=agent-status]"), "Logged out");
    feed(&console, agent(Some("READY")));
    let since = console.session.with_untracked(|m| m.desk().agent().since());
    clock.set(Instant::from_millis(since.as_millis() + 65_000));
    wait_until("the status shows Ready for 1:05", || {
        text(&host, "[data-testid=agent-status]") == "Ready"
            && text(&host, "[data-testid=agent-timer]") == "1:05"
    })
    .await;
    assert_eq!(text(&host, "[data-testid=agent-place]"), "60113 · 60121");
    feed(&console, agent(Some("PAUSE")));
    let since = console.session.with_untracked(|m| m.desk().agent().since());
    clock.set(Instant::from_millis(since.as_millis() + 2_000));
    wait_until("paused, timer restarted", || {
        text(&host, "[data-testid=agent-status]") == "Paused"
            && text(&host, "[data-testid=agent-timer]") == "0:02"
    })
    .await;
}

#[wasm_bindgen_test]
async fn agent_buttons_follow_the_machine() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    leptos::task::tick().await;
    // Logged out: the log-on form, with the device from the agent configuration.
    console.apply(DeskUpdate::Profile(AgentProfile {
        default_device: Some("60113".into()),
        groups: vec!["60121".into(), "60122".into()],
        preferred_group: Some("60122".into()),
        ..AgentProfile::default()
    }));
    wait_until(
        "the log-on form shows the configured device and preferred group",
        || {
            host.query_selector("#log-on-device")
                .ok()
                .flatten()
                .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value())
                .as_deref()
                == Some("60113")
                && query(&host, "#log-on-group")
                    .unchecked_into::<web_sys::HtmlSelectElement>()
                    .value()
                    == "60122"
        },
    )
    .await;
    assert!(!disabled(&host, "[data-testid=log-on] button[type=submit]"));
    feed(&console, agent(Some("READY")));
    wait_until("logged on: the state buttons", || {
        host.query_selector("[data-testid=go-ready]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert!(disabled(&host, "[data-testid=go-ready]"), "already ready");
    assert!(!disabled(&host, "[data-testid=pause]"));
    assert!(!disabled(&host, "[data-testid=log-off]"));
    assert!(
        disabled(&host, "[data-testid=withdraw]"),
        "no reason known yet"
    );
    let reason = |id: &str, label: &str| Reason {
        id: ReasonId::new(id),
        label: label.into(),
    };
    console.apply(DeskUpdate::Reasons(vec![
        reason("1", "Training"),
        reason("2", "Meeting"),
    ]));
    wait_until("withdraw enabled with the first reason", || {
        !disabled(&host, "[data-testid=withdraw]")
            && text(&host, "#withdraw-reason").contains("Meeting")
    })
    .await;
    feed(&console, agent(Some("PAUSE")));
    wait_until("paused: Ready enabled, Pause disabled", || {
        !disabled(&host, "[data-testid=go-ready]") && disabled(&host, "[data-testid=pause]")
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_acd_call_is_listed_with_its_pilot_and_controls_from_capabilities() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    feed(&console, agent(Some("READY")));
    feed(&console, ringing_acd_call("c1"));
    wait_until("the ringing call is listed", || {
        host.query_selector("[data-call-ref='c1']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert_eq!(
        text(&host, "[data-call-ref='c1'] [data-testid=call-state]"),
        "Ringing"
    );
    assert_eq!(
        text(&host, "[data-call-ref='c1'] [data-testid=call-remote]"),
        "Alice Martin"
    );
    assert_eq!(
        text(&host, "[data-call-ref='c1'] [data-testid=call-number]"),
        "0612345678"
    );
    assert_eq!(
        text(&host, "[data-call-ref='c1'] [data-testid=call-acd]"),
        "Pilot 60141 · Waited 0:42"
    );
    assert!(!call_button(&host, "c1", "answer").has_attribute("disabled"));
    assert!(call_button(&host, "c1", "hold").has_attribute("disabled"));
    assert!(call_button(&host, "c1", "transfer").has_attribute("disabled"));
    console.number.set("60114".into());
    wait_until("redirect needs a number", || {
        !call_button(&host, "c1", "redirect").has_attribute("disabled")
    })
    .await;

    // Keyed update: the same element changes state in place.
    let element = query(&host, "[data-call-ref='c1']");
    feed(&console, answered("c1"));
    wait_until("answered", || {
        text(&host, "[data-call-ref='c1'] [data-testid=call-state]") == "In call"
    })
    .await;
    assert!(
        element.is_same_node(Some(&query(&host, "[data-call-ref='c1']"))),
        "the call's element is kept"
    );
    assert!(call_button(&host, "c1", "answer").has_attribute("disabled"));
    assert!(!call_button(&host, "c1", "hold").has_attribute("disabled"));
    assert!(!call_button(&host, "c1", "hang-up").has_attribute("disabled"));
    assert!(!call_button(&host, "c1", "record-start").has_attribute("disabled"));
    assert!(call_button(&host, "c1", "record-stop").has_attribute("disabled"));
    assert!(
        !call_button(&host, "c1", "send-dtmf").has_attribute("disabled"),
        "60114 are tones"
    );

    // The call timer is the handle time, from the call's start.
    let created = console
        .session
        .with_untracked(|m| m.desk().call(&"c1".into()).map(|c| c.created))
        .expect("call");
    clock.set(Instant::from_millis(created.as_millis() + 3_723_000));
    wait_until("an hour-long timer", || {
        text(&host, "[data-call-ref='c1'] [data-testid=call-timer]") == "1:02:03"
    })
    .await;

    feed(&console, held("c1"));
    wait_until("held: Retrieve enabled", || {
        !call_button(&host, "c1", "retrieve").has_attribute("disabled")
            && call_button(&host, "c1", "hold").has_attribute("disabled")
    })
    .await;
    feed(&console, removed("c1"));
    wait_until("the call is gone", || {
        host.query_selector("[data-call-ref='c1']")
            .ok()
            .flatten()
            .is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn two_calls_offer_transfer_and_conference() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    feed(&console, agent(Some("BUSY")));
    feed(&console, ringing_acd_call("c1"));
    feed(&console, answered("c1"));
    feed(&console, held("c1"));
    feed(
        &console,
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c2",
            "callData": { "state": "ACTIVE", "capabilities": caps(&["transfer", "merge", "terminate"]) },
            "legs": [leg("ACTIVE", &["drop", "hold"])],
            "participants": [party("p2", "60114", "Bob Durand")] }),
    );
    wait_until("both calls listed, in order", || {
        host.query_selector_all("[data-testid=call]")
            .map(|l| l.length())
            .unwrap_or(0)
            == 2
    })
    .await;
    assert!(!call_button(&host, "c2", "transfer").has_attribute("disabled"));
    assert!(!call_button(&host, "c2", "merge").has_attribute("disabled"));
    assert!(!call_button(&host, "c1", "alternate").has_attribute("disabled"));
    assert!(
        call_button(&host, "c1", "transfer").has_attribute("disabled"),
        "the held call cannot"
    );
}

#[wasm_bindgen_test]
async fn a_refused_or_failed_request_is_announced_in_a_toast() {
    let toasts = Toasts::new();
    let (host, _mounted) = mount(move || view! { <ToastRegion toasts=toasts /> });
    let error = agentdesk::transport::ApiError::from_answer(
        403,
        br#"{"httpStatus":"FORBIDDEN","code":-1,"type":"NOT_ALLOWED","helpMessage":"The agent is not in a processing group."}"#,
    );
    toasts.show(error.to_string());
    toasts.show(error.to_string());
    assert_eq!(
        toasts.items().get_untracked().len(),
        1,
        "a repeated failure is said once"
    );
    wait_until("the gateway's helpMessage is shown", || {
        host.inner_text()
            .contains("The agent is not in a processing group.")
    })
    .await;
    let region = query(&host, "[data-testid=toasts]");
    assert_eq!(
        region.get_attribute("aria-live").as_deref(),
        Some("assertive")
    );
    query(&host, "[data-testid=toast] button").click();
    wait_until("dismissed", || {
        host.query_selector("[data-testid=toast]")
            .ok()
            .flatten()
            .is_none()
    })
    .await;

    // Through the console: with no gateway, sending says so instead of failing silently.
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    feed(&console, agent(Some("PAUSE")));
    console.send(cti::model::Intent::GoReady);
    wait_until("a toast", || {
        host.query_selector("[data-testid=toast]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    // A refused intent (already ready) shows the Machine's reason.
    feed(&console, agent(Some("READY")));
    console.send(cti::model::Intent::GoReady);
    wait_until("the refusal is explained", || {
        host.inner_text().contains("Already ready")
    })
    .await;
}

#[wasm_bindgen_test]
async fn language_switch_is_immediate_and_remembered() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    leptos::task::tick().await;
    let select: web_sys::HtmlSelectElement = query(&host, "#setting-lang").unchecked_into();
    select.set_value("fr");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    wait_until("French texts", || {
        text(&host, "[data-testid=agent-status]") == "Déconnecté de l'ACD"
            && text(&host, "[data-testid=make-call]") == "Appeler"
    })
    .await;
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("agentdesk.lang").ok().flatten());
    assert_eq!(stored.as_deref(), Some("fr"));
    select.set_value("en");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    wait_until("back to English", || {
        text(&host, "[data-testid=make-call]") == "Call"
    })
    .await;
}

#[wasm_bindgen_test]
async fn theme_choice_is_applied_and_persisted() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    leptos::task::tick().await;
    let select: web_sys::HtmlSelectElement = query(&host, "#setting-theme").unchecked_into();
    select.set_value("dark");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    let root = common::document().document_element().expect("html");
    wait_until("data-theme=dark", || {
        root.get_attribute("data-theme").as_deref() == Some("dark")
    })
    .await;
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("agentdesk.theme").ok().flatten());
    assert_eq!(stored.as_deref(), Some("dark"));
    select.set_value("system");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    wait_until("the system decides again", || {
        root.get_attribute("data-theme").is_none()
    })
    .await;
}

#[wasm_bindgen_test]
fn shortcuts_need_alt_and_use_physical_keys() {
    assert_eq!(
        shortcut_of("KeyA", true, false, false),
        Some(Shortcut::Answer)
    );
    assert_eq!(
        shortcut_of("KeyH", true, false, false),
        Some(Shortcut::HangUp)
    );
    assert_eq!(
        shortcut_of("KeyO", true, false, false),
        Some(Shortcut::HoldOrRetrieve)
    );
    assert_eq!(
        shortcut_of("KeyR", true, false, false),
        Some(Shortcut::Ready)
    );
    assert_eq!(
        shortcut_of("KeyP", true, false, false),
        Some(Shortcut::Pause)
    );
    assert_eq!(
        shortcut_of("KeyD", true, false, false),
        Some(Shortcut::DialPad)
    );
    assert_eq!(
        shortcut_of("KeyA", false, false, false),
        None,
        "typing an a"
    );
    assert_eq!(
        shortcut_of("KeyA", true, true, false),
        None,
        "AltGr / Ctrl+Alt"
    );
    assert_eq!(shortcut_of("KeyZ", true, false, false), None);
}

#[wasm_bindgen_test]
async fn the_dial_pad_and_keyboard_fill_the_number() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    leptos::task::tick().await;
    assert!(disabled(&host, "[data-testid=make-call]"), "no number");
    for key in ["6", "0", "1", "1", "4"] {
        query(&host, &format!(".pad button[aria-label='{key}']")).click();
    }
    leptos::task::tick().await;
    assert_eq!(console.number.get_untracked(), "60114");
    set_input(&host, "#dial-number", "0612345678");
    leptos::task::tick().await;
    assert_eq!(console.number.get_untracked(), "0612345678");
    // A device that may call (from the telephony snapshot) enables Call.
    feed(
        &console,
        json!({ "eventName": "OnTelephonyState", "loginName": ME,
            "state": { "calls": [], "deviceCapabilities": [{ "deviceId": SET, "makeCall": true }] } }),
    );
    wait_until("Call enabled", || {
        !disabled(&host, "[data-testid=make-call]")
    })
    .await;
}

#[wasm_bindgen_test]
async fn written_numbers_dial_and_undialable_ones_say_why() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let (host, _mounted) = mount_console(console);
    feed(
        &console,
        json!({ "eventName": "OnTelephonyState", "loginName": ME,
            "state": { "calls": [], "deviceCapabilities": [{ "deviceId": SET, "makeCall": true }] } }),
    );
    // Separators as people write them: the number is dialled without them.
    for written in [
        "06.12.34.56.03",
        "06-12-34-56-03",
        "(555) 123-4567",
        "+33 6 12 34 56 03",
    ] {
        set_input(&host, "#dial-number", written);
        wait_until("Call enabled", || {
            !disabled(&host, "[data-testid=make-call]")
        })
        .await;
        assert_eq!(text(&host, "[data-testid=number-problem]"), "", "{written}");
    }
    driver.reply("/telephony/calls", 201, "");
    query(&host, "[data-testid=make-call]").click();
    wait_until("the call is placed", || !driver.sent().is_empty()).await;
    assert_eq!(driver.sent(), ["POST /api/rest/1.0/telephony/calls"]);
    assert!(
        driver.bodies()[0].contains(r#""callee":"+33612345603""#),
        "{:?}",
        driver.bodies()
    );
    // Letters and over-long input are said, not a silently disabled button.
    set_input(&host, "#dial-number", "1-800-FLOWERS");
    wait_until("the problem is said", || {
        text(&host, "[data-testid=number-problem]").contains("“F” cannot be dialled")
    })
    .await;
    assert!(disabled(&host, "[data-testid=make-call]"));
    assert_eq!(
        query(&host, "#dial-number")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    set_input(&host, "#dial-number", &"1".repeat(50));
    wait_until("too long", || {
        text(&host, "[data-testid=number-problem]").contains("too long")
    })
    .await;
}

#[wasm_bindgen_test]
async fn missed_calls_and_routing_come_from_their_events() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    feed(
        &console,
        json!({ "eventName": "OnEventSummaryUpdated", "loginName": ME,
            "eventSummary": { "missedCallsNb": 3, "eventWaiting": true } }),
    );
    feed(
        &console,
        json!({ "eventName": "OnRoutingStateChanged", "loginName": ME,
            "routingState": { "dndState": { "activate": true },
                "forwardRoutes": [{ "destinations": [{ "type": "NUMBER", "number": "60200" }] }] } }),
    );
    feed(
        &console,
        json!({ "eventName": "OnComRecordCreated", "loginName": ME,
            "record": { "recordId": 7, "comRef": "r7", "beginDate": "2026-11-21T00:50:00Z",
                "participants": [
                    { "role": "CALLEE", "answered": false, "identity": { "id": { "loginName": ME, "phoneNumber": SET } } },
                    { "identity": { "id": { "phoneNumber": "0612345678" }, "displayName": "Alice Martin" } }
                ] } }),
    );
    wait_until(
        "the counter, the forward, DND and the missed record",
        || {
            text(&host, "[data-testid=missed-count]") == "3"
                && text(&host, "[data-testid=forward-state]").contains("60200")
                && query(&host, "[data-testid=dnd]")
                    .unchecked_into::<web_sys::HtmlInputElement>()
                    .checked()
                && text(&host, "[data-testid=history]").contains("Alice Martin")
        },
    )
    .await;
    assert!(text(&host, "[data-testid=history]").contains("Missed"));
    // The date in the agent's language and local time, not the wire's ISO text.
    let when = query(&host, "[data-testid=history-when]");
    assert_eq!(
        when.get_attribute("datetime").as_deref(),
        Some("2026-11-21T00:50:00Z")
    );
    let shown = when.inner_text();
    assert!(
        !shown.contains('T') && shown.contains("2026") && shown.contains("Nov"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
fn keepalive_runs_at_half_the_ttl_within_bounds() {
    use agentdesk::hooks::keepalive_period_ms;
    assert_eq!(keepalive_period_ms(Some(1800)), 900_000);
    assert_eq!(keepalive_period_ms(Some(120)), 60_000);
    assert_eq!(keepalive_period_ms(Some(10)), 30_000);
    assert_eq!(keepalive_period_ms(None), 900_000);
}

#[wasm_bindgen_test]
fn reconnection_backs_off_and_falls_back_to_the_second_transport() {
    use agentdesk::drivers::reconnect::{backoff_ms, Attempt, Reconnect};
    assert_eq!(backoff_ms(0), 1_000);
    assert_eq!(backoff_ms(3), 8_000);
    assert_eq!(backoff_ms(40), 30_000);
    let mut policy = Reconnect::default();
    assert!(policy.use_main_transport());
    let waits: Vec<u32> = (0..7).map(|_| policy.after(Attempt::NeverOpened)).collect();
    assert_eq!(waits, [2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    // After two failures, every other attempt tries the fallback transport.
    let mut policy = Reconnect::default();
    let mains: Vec<bool> = (0..6)
        .map(|_| {
            let main = policy.use_main_transport();
            policy.after(Attempt::NeverOpened);
            main
        })
        .collect();
    assert_eq!(mains, [true, true, false, true, false, true]);
    // A connection that was open starts over.
    assert_eq!(policy.after(Attempt::Dropped), 1_000);
    assert!(policy.use_main_transport());
}

#[wasm_bindgen_test]
async fn an_invalid_session_ends_the_console_instead_of_showing_a_toast() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let lost = RwSignal::new(0);
    console.on_session_lost(Callback::new(move |()| lost.update(|n| *n += 1)));
    driver.reply("/withdrawReasons", 200, r#"{"number":0,"reasons":[]}"#);
    feed(&console, agent(Some("READY")));
    driver.reply(
        "/acd/agent/pause",
        403,
        r#"{"httpStatus":"FORBIDDEN","code":1001,"type":"INVALID_SESSION","helpMessage":"Log in again."}"#,
    );
    console.send(Intent::Pause);
    wait_until("the session is lost", || lost.get_untracked() == 1).await;
    assert!(console.toasts.items().get_untracked().is_empty());
    driver.reply(
        "/acd/agent/wrapUp",
        400,
        r#"{"code":1006,"type":"BAD_PARAMETER","helpMessage":"Bad number."}"#,
    );
    console.send(Intent::WrapUp);
    wait_until("the gateway's message in a toast", || {
        console
            .toasts
            .items()
            .get_untracked()
            .first()
            .map(|t| t.text.clone())
            == Some("Bad number.".to_owned())
    })
    .await;
    assert_eq!(lost.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn the_connection_badge_says_how_events_arrive() {
    let state = RwSignal::new(ConnectionState::Connecting);
    let (host, _mounted) = mount(move || {
        view! { <agentdesk::components::ConnectionBadge state=state /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&host, "[data-testid=connection]"), "Connecting…");
    state.set(ConnectionState::Reconnecting { attempt: 2 });
    wait_until("reconnecting", || {
        text(&host, "[data-testid=connection]") == "Reconnecting…"
    })
    .await;
    state.set(ConnectionState::Offline);
    wait_until("offline", || {
        text(&host, "[data-testid=connection]") == "Offline"
    })
    .await;
    let badge = query(&host, "[data-testid=connection]");
    assert_eq!(badge.get_attribute("role").as_deref(), Some("status"));
}

#[wasm_bindgen_test]
async fn a_telephony_snapshot_after_reconnection_replaces_the_calls() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let (host, _mounted) = mount_console(console);
    feed(&console, ringing_acd_call("c1"));
    feed(&console, answered("c1"));
    wait_until("c1 listed", || {
        host.query_selector("[data-call-ref='c1']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    // While disconnected, c1 ended and c2 began: the snapshot says so.
    let snapshot = json!({ "calls": [{ "callRef": "c2",
            "callData": { "state": "ACTIVE" },
            "legs": [leg("ACTIVE", &["drop", "hold"])],
            "participants": [party("p2", "60114", "Bob Durand")] }],
        "deviceCapabilities": [{ "deviceId": SET, "makeCall": true }] });
    driver.reply("/telephony/state", 200, &snapshot.to_string());
    console.resync();
    wait_until("only c2 remains", || {
        host.query_selector("[data-call-ref='c1']")
            .ok()
            .flatten()
            .is_none()
            && text(&host, "[data-call-ref='c2'] [data-testid=call-remote]") == "Bob Durand"
    })
    .await;
}

#[wasm_bindgen_test]
fn shortcuts_act_on_the_call_the_machine_accepts() {
    use agentdesk::components::shortcut_intent;
    use cti::model::Intent;
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    assert_eq!(shortcut_intent(&console, Shortcut::Answer), None, "no call");
    feed(&console, agent(Some("READY")));
    feed(&console, ringing_acd_call("c1"));
    assert_eq!(
        shortcut_intent(&console, Shortcut::Answer),
        Some(Intent::Answer { call: "c1".into() })
    );
    assert_eq!(
        shortcut_intent(&console, Shortcut::HoldOrRetrieve),
        None,
        "ringing"
    );
    feed(&console, answered("c1"));
    feed(
        &console,
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c2",
            "callData": { "state": "RINGING_INCOMING" },
            "legs": [leg("RINGING_INCOMING", &["answer", "drop"])],
            "participants": [party("p2", "60114", "Bob Durand")] }),
    );
    assert_eq!(
        shortcut_intent(&console, Shortcut::HangUp),
        Some(Intent::HangUp { call: "c1".into() }),
        "the active call first"
    );
    assert_eq!(
        shortcut_intent(&console, Shortcut::Answer),
        Some(Intent::Answer { call: "c2".into() })
    );
    assert_eq!(
        shortcut_intent(&console, Shortcut::HoldOrRetrieve),
        Some(Intent::Hold { call: "c1".into() })
    );
    feed(&console, held("c1"));
    assert_eq!(
        shortcut_intent(&console, Shortcut::HoldOrRetrieve),
        Some(Intent::Retrieve { call: "c1".into() })
    );
    assert_eq!(
        shortcut_intent(&console, Shortcut::Ready),
        Some(Intent::GoReady)
    );
}

#[wasm_bindgen_test]
async fn a_plain_user_sees_calls_only_and_no_error() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let (host, _mounted) = mount_console(console);
    let refused = r#"{"httpStatus":"FORBIDDEN","code":1002,"type":"NOT_ALLOWED","helpMessage":"oxe70140 is not an ACD agent"}"#;
    driver.reply(
        "/telephony/state",
        200,
        r#"{"calls":[],"deviceCapabilities":[{"deviceId":"70140","makeCall":true}]}"#,
    );
    driver.reply("/acd/agent/state", 403, refused);
    driver.reply("/acd/agent/config", 403, refused);
    driver.reply("/eventSummary", 200, r#"{"missedCallsNb":0}"#);
    driver.reply("/routing/state", 200, "{}");
    driver.reply("/comlog/records", 200, r#"{"comHistoryRecords":[]}"#);
    driver.reply(
        "/users/",
        200,
        r#"{"firstName":"Marc","lastName":"Bernard"}"#,
    );
    console.resync();
    wait_until("the desk knows a plain user", || {
        console.session.with_untracked(|s| s.desk().is_plain_user())
    })
    .await;
    leptos::task::tick().await;
    assert!(
        host.query_selector("[data-testid=log-on]")
            .ok()
            .flatten()
            .is_none(),
        "no log-on form"
    );
    assert!(query(&host, "[data-testid=status-bar]").has_attribute("hidden"));
    assert!(
        console.toasts.items().get_untracked().is_empty(),
        "no error pop-up: {:?}",
        console.toasts.items().get_untracked()
    );
    assert!(
        !disabled(&host, "[data-testid=make-call]") || console.number.get_untracked().is_empty()
    );
}

#[wasm_bindgen_test]
async fn signing_out_while_logged_on_offers_to_log_off_the_contact_centre() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let signed_out = RwSignal::new(0);
    let (host, _mounted) = mount(move || {
        view! {
            <ConsoleView console=console connection=ConnectionState::Connected(agentdesk::transport::ChannelKind::WebSocket)
                login=ME on_sign_out=Callback::new(move |()| signed_out.update(|n| *n += 1)) />
        }
    });
    driver.reply("/withdrawReasons", 200, r#"{"number":0,"reasons":[]}"#);
    feed(&console, agent(Some("READY")));
    wait_until("logged on", || {
        host.query_selector("[data-testid=go-ready]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    query(&host, "[data-testid=sign-out]").click();
    wait_until("the question", || {
        host.query_selector("[data-testid=sign-out-confirm]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert_eq!(signed_out.get_untracked(), 0, "not yet");
    let log_off_too =
        query(&host, "[data-testid=log-off-too]").unchecked_into::<web_sys::HtmlInputElement>();
    assert!(log_off_too.checked(), "log off by default");
    driver.reply("/acd/agent/logoff", 204, "");
    query(&host, "[data-testid=confirm-sign-out]").click();
    wait_until("signed out", || signed_out.get_untracked() == 1).await;
    assert!(
        driver
            .sent()
            .iter()
            .any(|s| s == "POST /api/rest/1.0/acd/agent/logoff"),
        "logged off first: {:?}",
        driver.sent()
    );

    // Unticked: signed out without logging off.
    query(&host, "[data-testid=sign-out]").click();
    wait_until("the question again", || {
        host.query_selector("[data-testid=log-off-too]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    query(&host, "[data-testid=log-off-too]").click();
    query(&host, "[data-testid=confirm-sign-out]").click();
    wait_until("signed out again", || signed_out.get_untracked() == 2).await;
    let log_offs = driver
        .sent()
        .iter()
        .filter(|s| s.ends_with("/logoff"))
        .count();
    assert_eq!(log_offs, 1, "no second log-off");
}

#[wasm_bindgen_test]
async fn a_pause_asked_during_a_call_waits_for_its_end() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let (host, _mounted) = mount_console(console);
    driver.reply("/withdrawReasons", 200, r#"{"number":0,"reasons":[]}"#);
    feed(&console, agent(Some("READY")));
    feed(&console, ringing_acd_call("c1"));
    feed(&console, agent(Some("BUSY")));
    wait_until("busy: Pause offered for after the call", || {
        host.query_selector("[data-testid=pause]")
            .ok()
            .flatten()
            .is_some_and(|b| !b.has_attribute("disabled"))
    })
    .await;
    query(&host, "[data-testid=pause]").click();
    wait_until("the pending pause is shown", || {
        host.query_selector("[data-testid=deferred]")
            .ok()
            .flatten()
            .is_some_and(|b| {
                b.text_content()
                    .unwrap_or_default()
                    .contains("Pause after this call")
            })
    })
    .await;
    assert!(
        !driver.sent().iter().any(|s| s.ends_with("/pause")),
        "nothing sent during the call: {:?}",
        driver.sent()
    );
    assert!(
        console.toasts.items().get_untracked().is_empty(),
        "no refusal shown"
    );
    driver.reply("/acd/agent/pause", 204, "");
    feed(&console, removed("c1"));
    feed(&console, agent(Some("WRAPUP")));
    wait_until("the pause goes once the call is over", || {
        driver
            .sent()
            .iter()
            .any(|s| s == "POST /api/rest/1.0/acd/agent/pause")
    })
    .await;
    wait_until("no longer pending", || {
        host.query_selector("[data-testid=deferred]")
            .ok()
            .flatten()
            .is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn timers_survive_a_reload_and_hold_does_not_reset_the_call_timer() {
    use agentdesk::hooks::use_desk_times;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage
        .remove_item(&format!("agentdesk.desk-times.{ME}"))
        .unwrap();
    let clock = RwSignal::new(Instant::from_millis(0));

    // Before the reload.
    let first = console(clock);
    let (host, mounted) = mount(move || {
        use_desk_times(first, ME);
        view! { <ConsoleView console=first connection=ConnectionState::Connected(agentdesk::transport::ChannelKind::WebSocket) login=ME /> }
    });
    feed(&first, agent(Some("READY")));
    feed(&first, ringing_acd_call("c1"));
    feed(&first, answered("c1"));
    wait_until("c1 listed", || {
        host.query_selector("[data-call-ref='c1']")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let times = |console: ConsoleState| {
        console.session.with_untracked(|s| {
            let call = s.desk().call(&"c1".into()).expect("c1");
            (
                call.created,
                s.desk().agent().logged_on().map(|on| on.since),
            )
        })
    };
    let before = times(first);
    // Hold: the call's timer goes on, the held time is shown beside it.
    feed(&first, held("c1"));
    clock.set(Instant::from_millis(before.0.as_millis() + 65_000));
    wait_until("held, the handle time still counts from the start", || {
        text(&host, "[data-call-ref='c1'] [data-testid=call-timer]") == "1:05"
            && host
                .query_selector("[data-call-ref='c1'] [data-testid=held-for]")
                .ok()
                .flatten()
                .is_some()
    })
    .await;
    feed(&first, answered("c1"));
    drop(mounted);
    agentdesk::browser::sleep(30).await;

    // After it: the same state comes back from the snapshots, with its times.
    let second = console(clock);
    let (_host, _mounted) = mount(move || {
        use_desk_times(second, ME);
        view! { <ConsoleView console=second connection=ConnectionState::Connected(agentdesk::transport::ChannelKind::WebSocket) login=ME /> }
    });
    feed(&second, agent(Some("READY")));
    feed(&second, ringing_acd_call("c1"));
    feed(&second, answered("c1"));
    let after = times(second);
    assert_eq!(
        after, before,
        "the call's start and the log-on survive the reload"
    );
}

#[wasm_bindgen_test]
async fn ringing_is_said_to_screen_readers_and_flashes_the_tab_title() {
    use agentdesk::hooks::use_title_alert;
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let connection = RwSignal::new(ConnectionState::Connected(
        agentdesk::transport::ChannelKind::WebSocket,
    ));
    let alert = RwSignal::new(None::<String>);
    let document = web_sys::window().unwrap().document().unwrap();
    let original = document.title();
    let (host, _mounted) = mount(move || {
        use_title_alert(alert.into());
        view! { <ConsoleView console=console connection=connection login=ME /> }
    });
    feed(&console, ringing_acd_call("c1"));
    wait_until("the screen reader hears who calls", || {
        text(&host, "[data-testid=announcer]") == "Incoming call: Alice Martin"
    })
    .await;
    assert_eq!(
        query(&host, "[data-testid=announcer]")
            .get_attribute("aria-live")
            .as_deref(),
        Some("assertive")
    );
    feed(&console, agent(Some("BUSY")));
    wait_until("and the new state", || {
        text(&host, "[data-testid=announcer]") == "Agent state: Busy"
    })
    .await;

    alert.set(Some("☎ Incoming call · Alice Martin".into()));
    wait_until("the title flashes the call", || {
        document.title().starts_with('☎')
    })
    .await;
    alert.set(None);
    wait_until("the title is back", || document.title() == original).await;

    // A lost connection is said in a banner.
    assert!(host
        .query_selector("[data-testid=connection-lost]")
        .ok()
        .flatten()
        .is_none());
    connection.set(ConnectionState::Reconnecting { attempt: 2 });
    wait_until("the banner", || {
        host.query_selector("[data-testid=connection-lost]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_conference_lists_its_parties() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    feed(
        &console,
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "conf",
            "callData": { "state": "ACTIVE", "capabilities": caps(&["dropMe", "terminate"]) },
            "legs": [leg("ACTIVE", &["drop", "hold"])],
            "participants": [party("p1", "0612345678", "Alice Martin"), party("p2", "70121", "Bruno Petit")] }),
    );
    wait_until("the parties", || {
        host.query_selector_all("[data-call-ref='conf'] [data-testid=party]")
            .map(|l| l.length())
            .unwrap_or(0)
            == 2
    })
    .await;
    let parties = text(&host, "[data-call-ref='conf'] [data-testid=parties]");
    assert!(
        parties.contains("Alice Martin") && parties.contains("Bruno Petit"),
        "{parties}"
    );
    assert!(
        host.query_selector("[data-testid=drop-party]")
            .ok()
            .flatten()
            .is_none(),
        "O2G cannot drop one party: no button that could never work"
    );
    // Hang up leaves the conference.
    assert!(!call_button(&host, "conf", "hang-up").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn the_status_names_the_withdraw_reason_and_a_call_shows_its_attached_data() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    console.apply(DeskUpdate::Reasons(vec![Reason {
        id: ReasonId::new("2"),
        label: "Meeting".into(),
    }]));
    feed(
        &console,
        json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
            "state": { "mainState": "LOG_ON", "subState": "WITHDRAW", "withdrawReason": 2,
                "proAcdDeviceNumber": SET, "pgNumber": "60121" } }),
    );
    wait_until("the reason's label in the status", || {
        host.query_selector("[data-testid=agent-reason]")
            .ok()
            .flatten()
            .is_some_and(|e| e.text_content().as_deref() == Some("Meeting"))
    })
    .await;
    feed(
        &console,
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c9",
            "callData": { "state": "RINGING_INCOMING", "associateData": "contract 4411, gold" },
            "legs": [leg("RINGING_INCOMING", &["answer"])],
            "participants": [party("p1", "0612345678", "Alice Martin")] }),
    );
    wait_until("the attached data", || {
        host.query_selector("[data-call-ref='c9'] [data-testid=call-data]")
            .ok()
            .flatten()
            .is_some_and(|e| {
                e.text_content()
                    .unwrap_or_default()
                    .contains("contract 4411, gold")
            })
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_supervisor_sees_who_asks_for_help_and_joins_refuses_or_dismisses() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let (host, _mounted) = mount_console(console);
    console.apply(DeskUpdate::HelpAsked {
        agent: "70120".into(),
    });
    wait_until("the request, naming the agent", || {
        host.query_selector("[data-testid=help-ask]")
            .ok()
            .flatten()
            .is_some_and(|e| e.text_content().unwrap_or_default().contains("70120"))
    })
    .await;
    driver.reply("/acd/agent/intrusion", 204, "");
    query(&host, "[data-testid=answer-help]").click();
    wait_until("joined", || {
        driver
            .sent()
            .iter()
            .any(|s| s == "POST /api/rest/1.0/acd/agent/intrusion")
    })
    .await;
    assert!(driver
        .bodies()
        .iter()
        .any(|b| b.contains(r#""agentNumber":"70120""#)));
    driver.reply("/acd/agent/supervisorHelp", 204, "");
    query(&host, "[data-testid=refuse-help]").click();
    wait_until("refused, naming the agent", || {
        driver
            .sent()
            .iter()
            .any(|s| s == "DELETE /api/rest/1.0/acd/agent/supervisorHelp?other=70120")
    })
    .await;
    query(&host, "[data-testid=dismiss-help]").click();
    wait_until("dismissed", || {
        host.query_selector("[data-testid=help-asks]")
            .ok()
            .flatten()
            .is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_consultation_refused_by_do_not_disturb_says_why_and_the_customer_stays_held() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    feed(&console, ringing_acd_call("c1"));
    feed(&console, answered("c1"));
    feed(&console, held("c1"));
    feed(
        &console,
        json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": "c2", "cause": "DO_NOT_DISTURB",
            "callData": { "state": "RELEASING",
                "initialCalled": { "id": { "phoneNumber": "70121" }, "displayName": "Bruno Petit" } },
            "legs": [leg("RELEASING", &["drop"])], "participants": [] }),
    );
    wait_until("the failed call says why and whom", || {
        text(&host, "[data-call-ref='c2'] [data-testid=call-state]") == "Do not disturb"
            && text(&host, "[data-call-ref='c2'] [data-testid=call-remote]") == "Bruno Petit"
    })
    .await;
    assert!(!call_button(&host, "c2", "hang-up").has_attribute("disabled"));
    assert_eq!(
        text(&host, "[data-call-ref='c1'] [data-testid=call-state]"),
        "On hold",
        "the customer is untouched"
    );
}

#[wasm_bindgen_test]
async fn the_header_names_the_agent() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    console.apply(DeskUpdate::UserName("Alice Martin".into()));
    wait_until("the agent's name beside the login", || {
        text(&host, "[data-testid=signed-in-as]").contains("Alice Martin")
            && text(&host, "[data-testid=signed-in-as]").contains(ME)
    })
    .await;
}

#[wasm_bindgen_test]
async fn after_an_acd_call_the_agent_gives_its_outcome_and_notes_with_a_wrap_up_countdown() {
    use cti::machine::Notification;
    use cti::model::{Disposition, DispositionId, WrapUpPolicy};
    use std::cell::RefCell;
    use std::rc::Rc;
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = ScriptedDriver::default();
    let console = console_on(&driver, clock);
    let heard = Rc::new(RefCell::new(Vec::new()));
    let into = heard.clone();
    console.set_notification_listener(Some(agentdesk::console::NotificationListener::new(
        move |_, n| into.borrow_mut().push(n.clone()),
    )));
    let (host, _mounted) = mount_console(console);
    feed(&console, agent(Some("BUSY")));
    console.apply(DeskUpdate::WrapUpPolicy(WrapUpPolicy {
        dispositions: ["Sale", "Quote sent"]
            .into_iter()
            .zip(["11", "12"])
            .map(|(label, code)| Disposition {
                id: DispositionId::new(code),
                label: label.into(),
            })
            .collect(),
        duration: Some(core::time::Duration::from_secs(15)),
    }));
    feed(&console, ringing_acd_call("c1"));
    feed(&console, answered("c1"));
    leptos::task::tick().await;
    assert!(
        host.query_selector("[data-testid=after-call]")
            .unwrap()
            .is_none(),
        "nothing to wrap up during the call"
    );
    feed(&console, removed("c1"));
    feed(&console, agent(Some("WRAPUP")));
    wait_until("the after-call work of the call", || {
        host.query_selector("[data-testid=after-call]")
            .unwrap()
            .is_some_and(|e| {
                e.text_content()
                    .unwrap_or_default()
                    .contains("Alice Martin")
            })
    })
    .await;
    // The wrap-up counts down from the group's 15 s.
    let since = console.session.with_untracked(|m| m.desk().agent().since());
    clock.set(Instant::from_millis(since.as_millis() + 5_000));
    wait_until("the countdown", || {
        text(&host, "[data-testid=wrap-up-countdown]").contains("0:10")
    })
    .await;
    driver.reply("/acd/agent/wrapUp", 204, "");
    query(&host, "[data-testid=extend-wrap-up]").click();
    wait_until("more time asked", || {
        driver
            .sent()
            .iter()
            .any(|s| s == "POST /api/rest/1.0/acd/agent/wrapUp")
    })
    .await;
    // An outcome is needed before saving.
    assert!(disabled(&host, "[data-testid=save-after-call]"));
    let select: web_sys::HtmlSelectElement =
        query(&host, "[data-testid=disposition]").unchecked_into();
    assert_eq!(select.length(), 3, "a prompt and the group's two outcomes");
    select.set_value("12");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    let notes: web_sys::HtmlTextAreaElement =
        query(&host, "[data-testid=after-call-notes]").unchecked_into();
    notes.set_value("Wants a quote by Friday");
    notes
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    wait_until("Save enabled", || {
        !disabled(&host, "[data-testid=save-after-call]")
    })
    .await;
    driver.reply("/telephony/calls/c1/sendaccountinfo", 204, "");
    query(&host, "[data-testid=save-after-call]").click();
    wait_until("saved: the panel goes", || {
        host.query_selector("[data-testid=after-call]")
            .unwrap()
            .is_none()
    })
    .await;
    assert!(driver
        .sent()
        .iter()
        .any(|s| s == "POST /api/rest/1.0/telephony/calls/c1/sendaccountinfo"));
    assert!(
        driver
            .bodies()
            .iter()
            .any(|b| b.contains(r#""accountInfo":"12""#)
                && b.contains(r#""notes":"Wants a quote by Friday""#)),
        "{:?}",
        driver.bodies()
    );
    let saved = heard.borrow().iter().find_map(|n| match n {
        Notification::AfterCallWorkSaved(record) => Some(record.clone()),
        _ => None,
    });
    let saved = saved.expect("the host page hears it");
    assert_eq!(
        saved.disposition.map(|d| d.label).as_deref(),
        Some("Quote sent")
    );
    assert_eq!(saved.notes, "Wants a quote by Friday");
}

#[wasm_bindgen_test]
async fn an_acd_call_names_the_pilot_the_caller_dialled() {
    let clock = RwSignal::new(Instant::from_millis(0));
    let console = console(clock);
    let (host, _mounted) = mount_console(console);
    let mut event = ringing_acd_call("c1");
    event["callData"]["initialCalled"] =
        json!({ "id": { "phoneNumber": "60141" }, "displayName": "Sales line" });
    feed(&console, event);
    wait_until("the pilot by its name", || {
        let acd = text(&host, "[data-call-ref='c1'] [data-testid=call-acd]");
        acd.contains("Sales line") && !acd.contains("60141")
    })
    .await;
    // Without a name, the number.
    feed(&console, ringing_acd_call("c2"));
    wait_until("the pilot by its number", || {
        text(&host, "[data-call-ref='c2'] [data-testid=call-acd]").contains("60141")
    })
    .await;
}
