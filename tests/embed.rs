//! Embedded mode in headless Chromium: the host bridge driven as its window listener drives
//! it, with real `MessageChannel`s (the test plays the host's end), and the compact layout
//! measured in a 320×460 box.

// Browser tests are not `#[test]` functions, so clippy.toml's test allowances miss them:
// failing loudly is what a test is for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use agentdesk::components::ConsoleView;
use agentdesk::console::ConsoleState;
use agentdesk::drivers::o2g::O2gDriver;
use agentdesk::drivers::DriverHandle;
use agentdesk::embed::{ignored_parameter_warnings, Embedding, HostBridge};
use agentdesk::transport::{ChannelKind, ConnectionState, O2gClient};
use agentdesk::App;
use common::o2g::*;
use common::{document, query, sleep, wait_until};
use cti::embed::EmbedOptions;
use cti::model::Instant;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, MessageChannel, MessageEvent, MessagePort};

wasm_bindgen_test_configure!(run_in_browser);

const CRM: &str = "https://crm.example.com";
const EVIL: &str = "https://evil.example.net";

fn console_with(client: Option<O2gClient>) -> ConsoleState {
    let clock = RwSignal::new(Instant::from_millis(0));
    let driver = match client {
        Some(client) => O2gDriver::new(client, ME.to_owned(), None),
        None => O2gDriver::detached(ME),
    };
    ConsoleState::new(DriverHandle::new(driver), clock.into())
}

// ---- The host's end ----

fn js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("JSON")
}

fn hello(versions: &[u32]) -> Value {
    json!({"agentdesk": 1, "type": "hello", "versions": versions, "sdk": "1.0.0"})
}

fn command(id: Value, name: &str, fields: Value) -> Value {
    let mut message = json!({"agentdesk": 1, "type": "command", "id": id, "command": name});
    if let (Some(message), Some(fields)) = (message.as_object_mut(), fields.as_object()) {
        message.extend(fields.clone());
    }
    message
}

/// One end of a real `MessageChannel`, as the SDK holds it; the other end goes to the widget.
struct HostEnd {
    port: MessagePort,
    widget_port: MessagePort,
    received: Rc<RefCell<Vec<Value>>>,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl HostEnd {
    fn new() -> HostEnd {
        let channel = MessageChannel::new().expect("channel");
        let received = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&received);
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = js_sys::JSON::stringify(&event.data())
                .expect("JSON data")
                .as_string()
                .expect("a string");
            sink.borrow_mut()
                .push(serde_json::from_str(&text).expect("JSON"));
        });
        channel
            .port1()
            .set_onmessage(Some(listener.as_ref().unchecked_ref()));
        HostEnd {
            port: channel.port1(),
            widget_port: channel.port2(),
            received,
            _listener: listener,
        }
    }

    fn widget_port(&self) -> Option<MessagePort> {
        Some(self.widget_port.clone())
    }

    fn received(&self) -> Vec<Value> {
        self.received.borrow().clone()
    }

    fn send(&self, value: &Value) {
        self.port.post_message(&js(value)).expect("post");
    }

    async fn wait_for(&self, count: usize) -> Vec<Value> {
        wait_until(&format!("{count} messages from the widget"), || {
            self.received.borrow().len() >= count
        })
        .await;
        self.received()
    }

    /// Sends a command and waits for its result.
    async fn ask(&self, message: Value) -> Value {
        let id = message["id"].clone();
        self.send(&message);
        let find = || {
            self.received
                .borrow()
                .iter()
                .find(|m| m["type"] == "result" && m["id"] == id)
                .cloned()
        };
        wait_until(&format!("the result of {message}"), || find().is_some()).await;
        find().expect("result")
    }

    /// The events received so far, named `name`.
    fn events(&self, name: &str) -> Vec<Value> {
        self.received()
            .into_iter()
            .filter(|m| m["type"] == "event" && m["event"] == name)
            .collect()
    }

    /// Connects to `bridge` as the allowed parent; returns after `welcome` and `ready`.
    async fn connect(bridge: &HostBridge) -> HostEnd {
        let host = HostEnd::new();
        bridge.handle_window_message(CRM, true, js(&hello(&[1])), host.widget_port());
        host.wait_for(2).await;
        host
    }
}

fn page_origin() -> String {
    web_sys::window()
        .expect("window")
        .location()
        .origin()
        .expect("origin")
}

/// A bridge whose allow-list (as the gateway would publish it) has loaded.
fn bridge() -> HostBridge {
    let bridge = HostBridge::new(&page_origin());
    bridge.set_allowed_origins(&[CRM.to_owned(), "not an origin".to_owned()]);
    bridge
}

fn error_code(result: &Value) -> &str {
    assert_eq!(result["ok"], json!(false), "{result}");
    result["error"]["code"].as_str().expect("a code")
}

// ---- The handshake ----

#[wasm_bindgen_test]
async fn a_hello_from_the_allowed_parent_gets_welcome_then_ready() {
    let bridge = bridge();
    assert!(bridge.is_configured());
    let host = HostEnd::new();
    bridge.handle_window_message(CRM, true, js(&hello(&[1, 2])), host.widget_port());
    let got = host.wait_for(2).await;
    assert_eq!(
        got[0],
        json!({"agentdesk": 1, "type": "welcome", "version": 1, "widget": env!("CARGO_PKG_VERSION")})
    );
    assert_eq!(
        got[1],
        json!({"agentdesk": 1, "type": "event", "event": "ready", "data": {
            "version": 1, "signedIn": false, "login": null, "agentState": "loggedOut", "calls": []}})
    );
    assert!(bridge.is_connected());
    assert!(bridge.ignored().is_empty());
    // The page's own origin is always allowed.
    let own = HostEnd::new();
    bridge.handle_window_message(&page_origin(), true, js(&hello(&[1])), own.widget_port());
    own.wait_for(2).await;
}

#[wasm_bindgen_test]
async fn messages_failing_a_check_are_ignored_logged_and_reported_once_per_origin() {
    let bridge = bridge();
    let malformed = json!({"agentdesk": 1, "type": "hello", "versions": "1"});
    let on_window = command(json!(1), "setReady", json!({}));
    let cases: [(&str, bool, Value, bool, &str); 6] = [
        (EVIL, true, hello(&[1]), true, "origin not allowed"),
        ("null", true, hello(&[1]), true, "origin not allowed"),
        (CRM, false, hello(&[1]), true, "not from the parent window"),
        (CRM, true, hello(&[1]), false, "no port"),
        (CRM, true, malformed, true, "malformed hello"),
        (
            CRM,
            true,
            on_window,
            true,
            "commands must use the private channel",
        ),
    ];
    let mut hosts = Vec::new();
    for (origin, from_parent, data, with_port, _) in &cases {
        let host = HostEnd::new();
        let port = with_port.then(|| host.widget_port()).flatten();
        bridge.handle_window_message(origin, *from_parent, js(data), port);
        hosts.push(host);
    }
    // Other libraries' messages are none of our business: not even logged.
    bridge.handle_window_message(EVIL, false, js(&json!({"source": "devtools"})), None);
    bridge.handle_window_message(CRM, true, JsValue::UNDEFINED, None);
    sleep(150).await;
    for host in &hosts {
        assert!(host.received().is_empty(), "never answered");
    }
    assert!(!bridge.is_connected());
    let reasons: Vec<&str> = bridge.ignored().iter().map(|i| i.reason).collect();
    let expected: Vec<&str> = cases.iter().map(|c| c.4).collect();
    assert_eq!(reasons, expected);
    let mut reported = bridge.reported_origins();
    reported.sort();
    assert_eq!(
        reported,
        vec![CRM.to_owned(), EVIL.to_owned(), "null".to_owned()],
        "each origin reported once"
    );
}

#[wasm_bindgen_test]
async fn handshakes_wait_for_the_allow_list() {
    let bridge = HostBridge::new(&page_origin());
    let host = HostEnd::new();
    bridge.handle_window_message(CRM, true, js(&hello(&[1])), host.widget_port());
    sleep(100).await;
    assert!(host.received().is_empty());
    assert!(
        bridge.ignored().is_empty(),
        "not a violation: the SDK retries"
    );
    bridge.set_allowed_origins(&[CRM.to_owned()]);
    let retry = HostEnd::new();
    bridge.handle_window_message(CRM, true, js(&hello(&[1])), retry.widget_port());
    retry.wait_for(2).await;
}

#[wasm_bindgen_test]
async fn a_second_hello_replaces_the_port() {
    let bridge = bridge();
    let first = HostEnd::connect(&bridge).await;
    let second = HostEnd::connect(&bridge).await;
    let answer = second.ask(command(json!(2), "getState", json!({}))).await;
    assert_eq!(answer["ok"], json!(true));
    first.send(&command(json!(1), "getState", json!({})));
    sleep(150).await;
    assert_eq!(first.received().len(), 2, "the old port is closed");
}

#[wasm_bindgen_test]
async fn no_version_in_common_is_rejected_and_the_port_closed() {
    let bridge = bridge();
    let host = HostEnd::new();
    bridge.handle_window_message(CRM, true, js(&hello(&[2, 3])), host.widget_port());
    let got = host.wait_for(1).await;
    assert_eq!(
        got[0],
        json!({"agentdesk": 1, "type": "reject", "reason": "unsupportedVersion", "supported": [1]})
    );
    assert!(!bridge.is_connected());
    host.send(&command(json!(1), "getState", json!({})));
    sleep(150).await;
    assert_eq!(
        host.received().len(),
        1,
        "nobody listens on a rejected port"
    );
}

// ---- Commands ----

#[wasm_bindgen_test]
async fn signed_out_commands_say_so_and_bad_messages_get_bad_message() {
    let bridge = bridge();
    let host = HostEnd::connect(&bridge).await;
    let ready = host.ask(command(json!(1), "setReady", json!({}))).await;
    assert_eq!(error_code(&ready), "notSignedIn");
    let state = host.ask(command(json!("s-1"), "getState", json!({}))).await;
    assert_eq!(state["ok"], json!(true));
    assert_eq!(state["data"]["signedIn"], json!(false));

    let no_number = host.ask(command(json!(3), "dial", json!({}))).await;
    assert_eq!(error_code(&no_number), "badMessage");
    let unknown = host.ask(command(json!(4), "fly", json!({}))).await;
    assert_eq!(error_code(&unknown), "unknownCommand");
    let mut newer = command(json!(5), "setReady", json!({}));
    newer["agentdesk"] = json!(2);
    assert_eq!(error_code(&host.ask(newer).await), "unsupportedVersion");
    let mut hello_on_port = hello(&[1]);
    hello_on_port["id"] = json!(6);
    assert_eq!(error_code(&host.ask(hello_on_port).await), "badMessage");
    let odd_type = json!({"agentdesk": 1, "type": "dance", "id": 7});
    assert_eq!(error_code(&host.ask(odd_type).await), "badMessage");

    // Without an id there is nothing to answer.
    let before = host.received().len();
    host.send(&json!({"agentdesk": 1, "type": "command", "command": "setReady"}));
    host.send(&json!("hello"));
    sleep(150).await;
    assert_eq!(host.received().len(), before);
}

#[wasm_bindgen_test]
async fn commands_drive_the_console_and_its_notifications_reach_the_host() {
    let bridge = bridge();
    let console = console_with(None);
    bridge.attach_console(console, ME.to_owned());
    let host = HostEnd::connect(&bridge).await;
    assert_eq!(host.received()[1]["data"]["signedIn"], json!(true));
    assert_eq!(host.received()[1]["data"]["login"], json!(ME));

    feed(&console, agent(Some("READY")));
    wait_until("agentStateChanged", || {
        !host.events("agentStateChanged").is_empty()
    })
    .await;
    assert_eq!(
        host.events("agentStateChanged")[0]["data"],
        json!({"from": "loggedOut", "to": "ready"})
    );

    let answer = host.ask(command(json!(1), "answer", json!({}))).await;
    assert_eq!(error_code(&answer), "refused");
    assert_eq!(answer["error"]["message"], "no ringing call to answer");
    // The Machine's own refusal, exactly as for the button.
    let ready = host.ask(command(json!(2), "setReady", json!({}))).await;
    assert_eq!(error_code(&ready), "refused");
    let dial = host
        .ask(command(json!(3), "dial", json!({"number": "call mum"})))
        .await;
    assert_eq!(error_code(&dial), "badMessage");
    let pause = host
        .ask(command(json!(4), "setPause", json!({"reason": "Nap"})))
        .await;
    assert_eq!(error_code(&pause), "unknownReason");

    feed(&console, ringing_acd_call_from("c1", "Alice Martin"));
    wait_until("callRinging", || !host.events("callRinging").is_empty()).await;
    assert_eq!(
        host.events("callRinging")[0]["data"],
        json!({"callRef": "c1", "number": "0612345678", "name": "Alice Martin",
               "acd": {"pilot": "60141", "agentGroup": "60121", "queueWaitingSeconds": 42, "globalWaitingSeconds": 50}})
    );
    let state = host.ask(command(json!(5), "getState", json!({}))).await;
    assert_eq!(
        state["data"]["calls"],
        json!([{"callRef": "c1", "state": "ringingIn", "direction": "incoming",
                "number": "0612345678", "name": "Alice Martin"}])
    );
    // The Machine accepts it; this console has no gateway to send it to.
    let answer = host.ask(command(json!(6), "answer", json!({}))).await;
    assert_eq!(error_code(&answer), "unreachable");
    assert!(
        !console.toasts.items().get_untracked().is_empty(),
        "the agent sees what failed"
    );

    feed(&console, removed("c1"));
    wait_until("callEnded", || !host.events("callEnded").is_empty()).await;
    let ended = &host.events("callEnded")[0]["data"];
    assert_eq!(ended["name"], "Alice Martin", "{ended}");
    assert_eq!(ended["answered"], json!(false));

    bridge.detach_console();
    let ready = host.ask(command(json!(7), "setReady", json!({}))).await;
    assert_eq!(error_code(&ready), "notSignedIn");
}

#[wasm_bindgen_test]
async fn a_screen_pop_reaches_the_host_with_its_page_and_fields() {
    let bridge = bridge();
    let console = console_with(None);
    bridge.attach_console(console, ME.to_owned());
    let host = HostEnd::connect(&bridge).await;
    feed(&console, ringing_acd_call_from("c1", "Alice Martin"));
    console.apply(cti::machine::Update::ScreenPop(cti::model::ScreenPop::new(
        Some(cti::model::CallRef::new("c1")),
        Some("https://crm.example.com/customers?number=0612345678".into()),
        vec![
            ("Name".into(), "Alice Martin".into()),
            ("Company".into(), "Martin SA".into()),
        ],
    )));
    wait_until("screenPop", || !host.events("screenPop").is_empty()).await;
    assert_eq!(
        host.events("screenPop")[0]["data"],
        json!({"callRef": "c1", "url": "https://crm.example.com/customers?number=0612345678",
            "fields": [{"name": "Name", "value": "Alice Martin"},
                {"name": "Company", "value": "Martin SA"}]})
    );
}

#[wasm_bindgen_test]
async fn gateway_answers_map_to_result_codes() {
    let bridge = bridge();
    let host = HostEnd::connect(&bridge).await;
    // The test server is no O2G gateway: it answers, but not with a success.
    let console = console_with(Some(O2gClient::new(page_origin())));
    bridge.attach_console(console, ME.to_owned());
    feed(&console, agent(Some("PAUSE")));
    let ready = host.ask(command(json!(1), "setReady", json!({}))).await;
    assert_eq!(error_code(&ready), "gatewayRejected", "{ready}");
    // Port 9 (discard) refuses connections on loopback.
    let console = console_with(Some(O2gClient::new("http://127.0.0.1:9".into())));
    bridge.attach_console(console, ME.to_owned());
    feed(&console, agent(Some("PAUSE")));
    let ready = host.ask(command(json!(2), "setReady", json!({}))).await;
    assert_eq!(error_code(&ready), "unreachable", "{ready}");
}

#[wasm_bindgen_test]
async fn session_and_connection_changes_become_events() {
    let bridge = bridge();
    let host = HostEnd::connect(&bridge).await;
    bridge.session_changed(Some(ME.to_owned()), false);
    bridge.connection_changed(ConnectionState::Reconnecting { attempt: 1 });
    bridge.connection_changed(ConnectionState::Reconnecting { attempt: 2 });
    bridge.connection_changed(ConnectionState::Connected(ChannelKind::WebSocket));
    bridge.connection_changed(ConnectionState::Reconnecting { attempt: 1 });
    bridge.session_changed(None, true);
    wait_until("the session's end", || {
        host.events("sessionChanged").len() == 2
    })
    .await;
    sleep(50).await;
    let events: Vec<(String, Value)> = host
        .received()
        .into_iter()
        .skip(2)
        .map(|m| {
            (
                m["event"].as_str().unwrap_or("").to_owned(),
                m["data"].clone(),
            )
        })
        .collect();
    let codes = |e: &(String, Value)| (e.0.clone(), e.1["code"].clone());
    assert_eq!(
        events.iter().map(codes).collect::<Vec<_>>(),
        vec![
            ("sessionChanged".to_owned(), Value::Null),
            ("error".to_owned(), json!("connectionLost")),
            ("error".to_owned(), json!("connectionLost")),
            ("sessionChanged".to_owned(), Value::Null),
            ("error".to_owned(), json!("sessionLost")),
        ],
        "connectionLost once per drop"
    );
    assert_eq!(events[0].1, json!({"signedIn": true, "login": ME}));
    assert_eq!(events[3].1, json!({"signedIn": false, "login": null}));
}

// ---- Page options and the compact layout ----

fn embedded(query: &str) -> Embedding {
    Embedding::new(EmbedOptions::from_location("/embed", query))
}

/// The widget's stylesheet, which the test page does not load by itself: the layout is
/// measured as Trunk ships it.
fn use_stylesheet() {
    if document().get_element_by_id("main-css").is_some() {
        return;
    }
    let style = document().create_element("style").expect("style");
    style.set_id("main-css");
    style.set_text_content(Some(include_str!("../style/main.css")));
    document()
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
}

/// A box of the embedded minimum size, as a host's iframe would give.
fn frame(width: u32, height: u32) -> HtmlElement {
    use_stylesheet();
    let frame: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    frame.style().set_css_text(&format!(
        "width: {width}px; height: {height}px; position: relative;"
    ));
    document()
        .body()
        .expect("body")
        .append_child(&frame)
        .expect("append");
    frame
}

/// Nothing in the app is wider than the frame: no horizontal scrolling, no element past the
/// right edge (the toasts are fixed to the viewport, which is the frame in an iframe).
fn assert_fits_width(frame: &HtmlElement, what: &str) {
    let app = query(frame, ".app");
    assert!(
        app.scroll_width() <= app.client_width(),
        "{what}: the app scrolls sideways ({} > {})",
        app.scroll_width(),
        app.client_width()
    );
    let right = frame.get_bounding_client_rect().right();
    let all = app.query_selector_all("*").expect("selector");
    for i in 0..all.length() {
        let Some(element) = all
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if element.closest(".toasts").ok().flatten().is_some() {
            continue;
        }
        let rect = element.get_bounding_client_rect();
        assert!(
            rect.width() == 0.0 || rect.right() <= right + 0.5,
            "{what}: <{}> id={:?} class={:?} ends at {} past {right}",
            element.tag_name(),
            element.id(),
            element.class_name(),
            rect.right()
        );
    }
}

fn assert_visible_without_scrolling(frame: &HtmlElement, selector: &str) {
    let bottom = frame.get_bounding_client_rect().bottom();
    let element = query(frame, selector).get_bounding_client_rect();
    assert!(
        element.height() > 0.0 && element.bottom() <= bottom,
        "{selector} ends at {} below the frame's {bottom}",
        element.bottom()
    );
}

#[wasm_bindgen_test]
async fn the_sign_in_form_fits_320_by_460() {
    let frame = frame(320, 460);
    let _mounted = leptos::mount::mount_to(frame.clone(), || {
        provide_context(embedded(""));
        view! { <App /> }
    });
    wait_until("the sign-in form", || {
        frame
            .query_selector("#sign-in-login")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert!(query(&frame, ".app").class_list().contains("embedded"));
    assert_fits_width(&frame, "signed out");
    assert_visible_without_scrolling(&frame, ".sign-in button[type=submit]");
    let app = query(&frame, ".app");
    assert!(app.client_height() <= 460, "the app stays inside the frame");
}

#[wasm_bindgen_test]
async fn the_compact_console_fits_320_by_460_with_a_ringing_call() {
    let frame = frame(320, 460);
    let console = console_with(None);
    let _mounted = leptos::mount::mount_to(frame.clone(), move || {
        provide_context(embedded(""));
        view! {
            <main class="app embedded">
                <ConsoleView console=console login=ME
                    connection=ConnectionState::Connected(ChannelKind::WebSocket) />
            </main>
        }
    });
    feed(&console, agent(Some("READY")));
    feed(
        &console,
        ringing_acd_call_from("c1", "Marie-Amélie Durand-de-la-Rochefoucauld-Montmorency"),
    );
    wait_until("the ringing call", || {
        frame
            .query_selector("[data-call-ref='c1'] [data-testid=answer]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert!(query(&frame, ".console").class_list().contains("compact"));
    assert_fits_width(&frame, "ringing");
    // The state with Ready/Pause, then the call's Answer, without scrolling.
    assert_visible_without_scrolling(&frame, "[data-testid=quick-pause]");
    assert_visible_without_scrolling(&frame, "[data-call-ref='c1'] [data-testid=answer]");
    let answer = query(&frame, "[data-call-ref='c1'] [data-testid=answer]")
        .get_bounding_client_rect()
        .width();
    let row = query(&frame, "[data-call-ref='c1'] .call-controls")
        .get_bounding_client_rect()
        .width();
    assert!(
        answer >= row - 0.5,
        "Answer spans its row ({answer} of {row})"
    );

    // The secondary panels open one at a time, and fit too; a second click closes.
    let panel = |id: &str| query(&frame, &format!("#{id}"));
    assert!(panel("panel-agent").hidden());
    for tab in ["agent", "history", "directory", "routing", "settings"] {
        query(&frame, &format!("[data-testid=panel-{tab}-tab]")).click();
        wait_until(&format!("the {tab} panel"), || {
            !panel(&format!("panel-{tab}")).hidden()
        })
        .await;
        assert_fits_width(&frame, tab);
    }
    assert!(panel("panel-agent").hidden(), "one panel at a time");
    query(&frame, "[data-testid=panel-settings-tab]").click();
    wait_until("all closed", || panel("panel-settings").hidden()).await;
}

#[wasm_bindgen_test]
async fn theme_accent_and_language_parameters_dress_the_page() {
    let root: HtmlElement = document()
        .document_element()
        .expect("html")
        .unchecked_into();
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    let stored_theme = storage.get_item("agentdesk.theme").ok().flatten();
    let frame = frame(320, 460);
    let mounted = leptos::mount::mount_to(frame.clone(), || {
        provide_context(embedded("?theme=dark&accent=%230a7f5a&lang=fr"));
        view! { <App /> }
    });
    wait_until("data-theme=dark", || {
        root.get_attribute("data-theme").as_deref() == Some("dark")
    })
    .await;
    let style = root.style();
    assert_eq!(
        style.get_property_value("--accent").ok().as_deref(),
        Some("#0a7f5a")
    );
    assert_eq!(
        style.get_property_value("--accent-text").ok().as_deref(),
        Some("#ffffff")
    );
    assert_eq!(root.get_attribute("lang").as_deref(), Some("fr"));
    // The sign-in form speaks the host's language too.
    wait_until("the French sign-in form", || {
        frame
            .query_selector("#sign-in-title")
            .ok()
            .flatten()
            .and_then(|t| t.text_content())
            .as_deref()
            == Some("Connexion à agentdesk")
    })
    .await;
    assert_eq!(
        storage.get_item("agentdesk.theme").ok().flatten(),
        stored_theme,
        "the host's theme is not stored as the agent's"
    );
    // A light accent gets dark text.
    assert_eq!(cti::embed::accent_text("#ffd400"), Some("#000000"));
    drop(mounted);
    leptos::task::tick().await;
    assert_eq!(
        root.style().get_property_value("--accent").ok().as_deref(),
        Some(""),
        "the accent goes with the widget"
    );
}

#[wasm_bindgen_test]
fn each_unusable_parameter_gets_one_warning_naming_it() {
    let options = EmbedOptions::from_location("/embed", "?accent=red&theme=neon&lang=fr");
    assert_eq!(
        ignored_parameter_warnings(&options),
        vec![
            "agentdesk: ignored the URL parameter accent=red: expected a hex colour such as 0a7f5a or #07f",
            "agentdesk: ignored the URL parameter theme=neon: expected light, dark or auto",
        ]
    );
    assert!(ignored_parameter_warnings(&EmbedOptions::from_location("/embed", "")).is_empty());
}

#[wasm_bindgen_test]
async fn the_full_page_console_fits_a_phone_width_window() {
    let frame = frame(360, 740);
    let console = console_with(None);
    let _mounted = leptos::mount::mount_to(frame.clone(), move || {
        view! {
            <main class="app">
                <ConsoleView console=console login=ME
                    connection=ConnectionState::Connected(ChannelKind::WebSocket) />
            </main>
        }
    });
    feed(&console, agent(Some("READY")));
    feed(
        &console,
        ringing_acd_call_from("c1", "Marie-Amélie Durand-de-la-Rochefoucauld-Montmorency"),
    );
    wait_until("the ringing call", || {
        frame
            .query_selector("[data-call-ref='c1'] [data-testid=answer]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert!(!query(&frame, ".console").class_list().contains("compact"));
    assert_fits_width(&frame, "full page at 360 px");
}
