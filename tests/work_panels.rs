//! The contact-centre work panels (callbacks, queues, statistics) and the screen pop, mounted
//! in headless Chromium on a console whose backend has them (the XuC adapter, fed XuC's
//! frames) and on one whose backend has not (O2G: the panels are not shown).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use agentdesk::components::ConsoleView;
use agentdesk::console::ConsoleState;
use agentdesk::drivers::{Driver, DriverHandle, Liveness, Reply};
use agentdesk::transport::{ChannelHandlers, ChannelKind, ChannelStop, ConnectionState};
use common::scripted::ScriptedDriver;
use common::{mount, query, set_input, wait_until};
use cti::adapter::Adapter;
use cti::model::Instant;
use cti::transmit::Payload;
use cti::xuc::{XucAdapter, XucConfig};
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A XuC socket that is never there: frames are recorded, nothing comes back.
#[derive(Default, Clone)]
struct XucFrames(Rc<RefCell<Vec<Value>>>);

impl XucFrames {
    /// The `web` commands sent so far (pings aside), then forgets them.
    fn take(&self) -> Vec<Value> {
        self.0
            .borrow_mut()
            .drain(..)
            .filter(|f| f["claz"] == "web")
            .collect()
    }
}

impl Driver for XucFrames {
    fn backend(&self) -> &'static str {
        "xuc"
    }

    fn adapter(&self) -> Box<dyn Adapter> {
        Box::new(XucAdapter::new(XucConfig::default()))
    }

    fn transmit(&self, payload: Payload) -> LocalBoxFuture<'static, Reply> {
        if let Payload::Frame(text) = payload {
            if let Ok(frame) = serde_json::from_str(&text) {
                self.0.borrow_mut().push(frame);
            }
        }
        async { Reply::Sent }.boxed_local()
    }

    fn run_events(&self, _: ChannelHandlers, _: Rc<ChannelStop>) -> LocalBoxFuture<'static, ()> {
        async {}.boxed_local()
    }

    fn keepalive(&self) -> LocalBoxFuture<'static, Liveness> {
        async { Liveness::Alive }.boxed_local()
    }

    fn leave_on_exit(&self, _: &str) {}

    fn sign_out(&self, _: Option<String>) -> LocalBoxFuture<'static, Option<String>> {
        async { None }.boxed_local()
    }
}

fn mounted(console: ConsoleState) -> (HtmlElement, impl Drop) {
    let (host, handle) = mount(move || {
        view! { <ConsoleView console=console connection=ConnectionState::Connected(ChannelKind::WebSocket) login="oxe70120" /> }
    });
    (host, Keep(Some(handle)))
}

struct Keep<T>(Option<T>);
impl<T> Drop for Keep<T> {
    fn drop(&mut self) {
        self.0.take();
    }
}

fn feed(console: &ConsoleState, msg_type: &str, payload: Value) {
    let frame = json!({"msgType": msg_type, "ctiMessage": payload}).to_string();
    console.handle_event_bytes(frame.as_bytes());
}

fn all(host: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = host.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    all(host, selector).iter().map(|e| e.inner_text()).collect()
}

fn within(host: &HtmlElement, item: &str, selector: &str) -> HtmlElement {
    query(host, &format!("{item} {selector}"))
}

fn set_select(host: &HtmlElement, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = query(host, selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&event).expect("dispatch");
}

fn request(uuid: &str, first: &str, due: &str, period: &str, agent: Value) -> Value {
    let (name, start, end) = if period == "period-1" {
        ("Morning", "08:00:00", "12:00:00")
    } else {
        ("Afternoon", "14:00:00", "18:00:00")
    };
    json!({"uuid": uuid, "listUuid": "cbl-1", "phoneNumber": "0478123403",
        "mobilePhoneNumber": null, "firstName": first, "lastName": "Rossi",
        "company": "Rossi & Figli", "description": "Quote for the spring order",
        "agentId": agent, "dueDate": due,
        "preferredPeriod": {"uuid": period, "name": name, "periodStart": start, "periodEnd": end}})
}

/// A XuC console of agent 19 (Alice), member of the Sales line (penalty 2), with three
/// callback requests: hers, Bruno's and a free one.
fn xuc_console(clock: RwSignal<Instant>) -> (ConsoleState, XucFrames) {
    let frames = XucFrames::default();
    let console = ConsoleState::new(DriverHandle::new(frames.clone()), clock.into());
    console.resync();
    feed(
        &console,
        "AgentConfig",
        json!({"id": 19, "firstname": "Alice", "lastname": "Martin", "number": "70120",
            "member": [{"queue_name": "Sales line", "queue_id": 1, "penalty": 2}]}),
    );
    feed(
        &console,
        "AgentList",
        json!([{"id": 19, "firstName": "Alice", "lastName": "Martin", "number": "70120"},
            {"id": 20, "firstName": "Bruno", "lastName": "Petit", "number": "70121"}]),
    );
    feed(
        &console,
        "QueueList",
        json!([{"id": 1, "name": "sales", "displayName": "Sales line", "number": "60141"},
            {"id": 2, "name": "support", "displayName": "Support line", "number": "60142"}]),
    );
    feed(
        &console,
        "CallbackPreferredPeriods",
        json!([{"uuid": "period-1", "name": "Morning", "default": true,
                "periodStart": "08:00:00", "periodEnd": "12:00:00"},
            {"uuid": "period-2", "name": "Afternoon", "periodStart": "14:00:00",
                "periodEnd": "18:00:00"}]),
    );
    feed(
        &console,
        "CallbackLists",
        json!([{"uuid": "cbl-1", "name": "Sales callbacks", "queueId": 1, "callbacks": [
            request("cb-3", "Nathalie", "2026-12-02", "period-2", json!(null)),
            request("cb-2", "Camille", "2026-12-01", "period-2", json!(20)),
            request("cb-1", "Sofia", "2026-12-01", "period-1", json!(null)),
        ]}]),
    );
    frames.take();
    (console, frames)
}

const FREE: &str = "[data-callback-id='cb-1']";
const BRUNOS: &str = "[data-callback-id='cb-2']";

#[wasm_bindgen_test]
async fn callbacks_are_listed_taken_called_closed_and_rescheduled() {
    let clock = RwSignal::new(Instant::ZERO);
    let (console, frames) = xuc_console(clock);
    let (host, _kept) = mounted(console);
    wait_until("three requests by due date and period", || {
        texts(&host, "[data-testid=callback-name]")
            == ["Sofia Rossi", "Camille Rossi", "Nathalie Rossi"]
    })
    .await;
    assert_eq!(
        within(&host, FREE, "[data-testid=callback-due]").inner_text(),
        "2026-12-01 · Morning (08:00–12:00)"
    );
    assert_eq!(
        within(&host, BRUNOS, "[data-testid=callback-taken]").inner_text(),
        "Taken by Bruno Petit"
    );
    assert!(within(&host, BRUNOS, "[data-testid=callback-take]").has_attribute("disabled"));
    assert!(all(&host, "[data-testid=callback-outcome]").is_empty());

    within(&host, FREE, "[data-testid=callback-take]").click();
    leptos::task::tick().await;
    assert_eq!(
        frames.take(),
        [json!({"claz": "web", "command": "takeCallback", "uuid": "cb-1"})]
    );
    // The take is the server's to confirm; another agent's take shows at once too.
    feed(
        &console,
        "CallbackTaken",
        json!({"uuid": "cb-1", "agentId": 19}),
    );
    feed(
        &console,
        "CallbackTaken",
        json!({"uuid": "cb-3", "agentId": 20}),
    );
    wait_until("Sofia's request is Alice's, Nathalie's Bruno's", || {
        within(&host, FREE, "[data-testid=callback-taken]").inner_text() == "Yours"
            && texts(&host, "[data-testid=callback-taken]").len() == 3
    })
    .await;
    within(&host, FREE, "[data-testid=callback-call]").click();
    leptos::task::tick().await;
    assert_eq!(
        frames.take(),
        [
            json!({"claz": "web", "command": "startCallback", "uuid": "cb-1", "number": "0478123403"})
        ]
    );
    feed(
        &console,
        "CallbackStarted",
        json!({"requestUuid": "cb-1", "ticketUuid": "ticket-4"}),
    );
    wait_until("the outcome form", || {
        !all(&host, &format!("{FREE} [data-testid=callback-outcome]")).is_empty()
    })
    .await;

    // Rescheduled to another day in the afternoon, with a comment.
    set_input(
        &host,
        &format!("{FREE} [data-testid=callback-day]"),
        "2026-12-04",
    );
    set_select(
        &host,
        &format!("{FREE} [data-testid=callback-period]"),
        "period-2",
    );
    set_input(
        &host,
        &format!("{FREE} [data-testid=callback-comment]"),
        "Call after lunch",
    );
    leptos::task::tick().await;
    within(&host, FREE, "[data-testid=callback-reschedule]").click();
    leptos::task::tick().await;
    assert_eq!(
        frames.take(),
        [
            json!({"claz": "web", "command": "updateCallbackTicket", "uuid": "ticket-4",
            "status": "Callback", "comment": "Call after lunch",
            "dueDate": "2026-12-04", "periodUuid": "period-2"})
        ]
    );
    // Or closed: a fax answered.
    set_select(
        &host,
        &format!("{FREE} [data-testid=callback-status]"),
        "fax",
    );
    leptos::task::tick().await;
    within(&host, FREE, "[data-testid=callback-close]").click();
    leptos::task::tick().await;
    assert_eq!(
        frames.take(),
        [
            json!({"claz": "web", "command": "updateCallbackTicket", "uuid": "ticket-4",
            "status": "Fax", "comment": "Call after lunch"})
        ]
    );
    feed(&console, "CallbackClotured", json!({"uuid": "cb-1"}));
    wait_until("the closed request leaves the list", || {
        texts(&host, "[data-testid=callback-name]") == ["Camille Rossi", "Nathalie Rossi"]
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_held_callback_is_released() {
    let clock = RwSignal::new(Instant::ZERO);
    let (console, frames) = xuc_console(clock);
    let (host, _kept) = mounted(console);
    feed(
        &console,
        "CallbackTaken",
        json!({"uuid": "cb-1", "agentId": 19}),
    );
    wait_until("Alice holds it", || {
        !all(
            &host,
            &format!("{FREE} [data-testid=callback-release]:not([disabled])"),
        )
        .is_empty()
    })
    .await;
    assert!(within(&host, BRUNOS, "[data-testid=callback-release]").has_attribute("disabled"));
    within(&host, FREE, "[data-testid=callback-release]").click();
    leptos::task::tick().await;
    assert_eq!(
        frames.take(),
        [json!({"claz": "web", "command": "releaseCallback", "uuid": "cb-1"})]
    );
}

#[wasm_bindgen_test]
async fn queues_are_joined_with_a_penalty_and_left() {
    let clock = RwSignal::new(Instant::ZERO);
    let (console, frames) = xuc_console(clock);
    let (host, _kept) = mounted(console);
    let sales = "[data-queue-id='1']";
    let support = "[data-queue-id='2']";
    wait_until("both queues", || {
        texts(&host, "[data-testid=queue-name]") == ["Sales line (60141)", "Support line (60142)"]
    })
    .await;
    assert_eq!(
        texts(&host, "[data-testid=queue-penalty]"),
        ["Penalty 2", "not a member"]
    );
    assert!(within(&host, support, "[data-testid=queue-leave]").has_attribute("disabled"));
    // The same penalty again changes nothing: not offered.
    assert!(within(&host, sales, "[data-testid=queue-join]").has_attribute("disabled"));

    set_input(
        &host,
        &format!("{support} [data-testid=queue-penalty-input]"),
        "3",
    );
    leptos::task::tick().await;
    within(&host, support, "[data-testid=queue-join]").click();
    within(&host, sales, "[data-testid=queue-leave]").click();
    leptos::task::tick().await;
    assert_eq!(
        frames.take(),
        [
            json!({"claz": "web", "command": "setAgentQueue", "agentId": 19, "queueId": 2, "penalty": 3}),
            json!({"claz": "web", "command": "removeAgentFromQueue", "agentId": 19, "queueId": 1}),
        ]
    );
    feed(
        &console,
        "QueueMember",
        json!({"agentId": 19, "queueId": 2, "penalty": 3}),
    );
    feed(
        &console,
        "QueueMember",
        json!({"agentId": 19, "queueId": 1, "penalty": -1}),
    );
    wait_until("the server's answer shows", || {
        texts(&host, "[data-testid=queue-penalty]") == ["not a member", "Penalty 3"]
    })
    .await;
    set_input(
        &host,
        &format!("{support} [data-testid=queue-penalty-input]"),
        "-4",
    );
    leptos::task::tick().await;
    assert!(
        within(&host, support, "[data-testid=queue-join]").has_attribute("disabled"),
        "no negative penalty"
    );
}

#[wasm_bindgen_test]
async fn statistics_count_the_running_state_and_the_time_since_login() {
    let clock = RwSignal::new(Instant::ZERO);
    let (console, _frames) = xuc_console(clock);
    let (host, _kept) = mounted(console);
    wait_until("no figures yet", || {
        query(&host, "[data-testid=statistics]")
            .inner_text()
            .contains("No figures yet")
    })
    .await;
    feed(
        &console,
        "AgentStateEvent",
        json!({"name": "AgentReady", "agentId": 19, "phoneNb": "70120", "since": 0, "queues": [1]}),
    );
    // Logged in an hour before the figures arrive.
    let reported = cti::model::Instant::from_millis(js_sys::Date::now() as u64);
    let login = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        reported.as_millis() as f64 - 3_600_000.0,
    ));
    let login = String::from(login.to_iso_string());
    feed(
        &console,
        "AgentStatistics",
        json!({"id": 19, "statistics": [
            {"name": "AgentReadyTotalTime", "value": 600},
            {"name": "AgentPausedTotalTime", "value": 120},
            {"name": "AgentWrapupTotalTime", "value": 45},
            {"name": "LoginDateTime", "value": login},
            {"name": "LogoutDateTime", "value": null}]}),
    );
    let reported_at = console
        .session
        .with_untracked(|s| s.desk().statistics().map(|st| st.reported_at))
        .expect("reported");
    clock.set(Instant::from_millis(reported_at.as_millis() + 30_000));
    wait_until("ready counts on while the agent is ready", || {
        query(&host, "[data-testid=stat-ready]").inner_text() == "10:30"
    })
    .await;
    assert_eq!(
        query(&host, "[data-testid=stat-paused]").inner_text(),
        "2:00"
    );
    assert_eq!(
        query(&host, "[data-testid=stat-wrap-up]").inner_text(),
        "0:45"
    );
    let elapsed = query(&host, "[data-testid=stat-since-elapsed]").inner_text();
    assert!(
        elapsed.starts_with("1:00:"),
        "an hour and about 30 s since login: {elapsed}"
    );
    assert!(query(&host, "[data-testid=stat-since]")
        .inner_text()
        .starts_with("Logged in since"));
}

#[wasm_bindgen_test]
async fn a_screen_pop_shows_the_caller_and_links_to_the_page() {
    let clock = RwSignal::new(Instant::ZERO);
    let (console, _frames) = xuc_console(clock);
    let (host, _kept) = mounted(console);
    assert!(all(&host, "[data-testid=screen-pop]").is_empty());
    feed(
        &console,
        "PhoneEvent",
        json!({"eventType": "EventRinging", "DN": "70120", "otherDN": "+33612345601",
            "uniqueId": "c7", "linkedId": "c7", "queueName": "Sales line"}),
    );
    feed(
        &console,
        "Sheet",
        json!({"compressed": false, "serial": "xml", "channel": "c7",
            "payload": {"profile": {"user": {"sheetInfo": [
                {"name": "Name", "value": "Élodie Martin", "type": "title", "order": 1},
                {"name": "Company", "value": "Boulangerie Martin", "type": "text", "order": 2},
                {"name": "popupUrl", "value": "https://crm.example.com/customers?number=%2B33612345601",
                    "type": "url", "order": 3}]}}}}),
    );
    wait_until("the screen pop", || {
        !all(&host, "[data-testid=screen-pop-link]").is_empty()
    })
    .await;
    let link = query(&host, "[data-testid=screen-pop-link]");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://crm.example.com/customers?number=%2B33612345601")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert!(link
        .get_attribute("rel")
        .is_some_and(|r| r.contains("noopener")));
    let shown = query(&host, "[data-testid=screen-pop]").inner_text();
    assert!(
        shown.contains("Élodie Martin") && shown.contains("Boulangerie Martin"),
        "{shown}"
    );

    // A page that is not a web address is never linked.
    feed(
        &console,
        "Sheet",
        json!({"payload": {"profile": {"user": {"sheetInfo": [
            {"name": "popupUrl", "value": "javascript:alert(1)", "type": "url", "order": 1}]}}}}),
    );
    wait_until("no link", || {
        all(&host, "[data-testid=screen-pop-link]").is_empty()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_backend_without_them_shows_none_of_these_panels() {
    let clock = RwSignal::new(Instant::ZERO);
    let console = ConsoleState::new(ScriptedDriver::default().handle(), clock.into());
    let (host, _kept) = mounted(console);
    leptos::task::tick().await;
    for panel in ["callbacks", "queues", "statistics", "screen-pop"] {
        assert!(
            all(&host, &format!("[data-testid={panel}]")).is_empty(),
            "{panel} shown for O2G"
        );
    }
    let (xuc, _frames) = xuc_console(clock);
    let (host, _kept) = mounted(xuc);
    leptos::task::tick().await;
    for panel in ["callbacks", "queues", "statistics"] {
        assert_eq!(
            all(&host, &format!("[data-testid={panel}]")).len(),
            1,
            "{panel}"
        );
    }
}
