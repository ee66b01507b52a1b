//! Embedded mode in headless Chromium: the page options, and the compact layout measured in a
//! 320×460 box.

// Browser tests are not `#[test]` functions, so clippy.toml's test allowances miss them:
// failing loudly is what a test is for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use agentdesk::components::ConsoleView;
use agentdesk::console::ConsoleState;
use agentdesk::embed::{ignored_parameter_warnings, Embedding};
use agentdesk::transport::{ChannelKind, ConnectionState, O2gClient};
use agentdesk::App;
use common::{document, query, wait_until};
use cti::embed::EmbedOptions;
use cti::model::Instant;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const ME: &str = "oxe60113";
const SET: &str = "60113";

// ---- O2G events, as tests/console.rs builds them ----

fn caps(names: &[&str]) -> Value {
    Value::Object(
        names
            .iter()
            .map(|n| ((*n).to_owned(), Value::Bool(true)))
            .collect(),
    )
}

fn leg(state: &str, capabilities: &[&str]) -> Value {
    json!({ "deviceId": SET, "state": state, "capabilities": caps(capabilities) })
}

fn agent(sub: &str) -> Value {
    json!({ "eventName": "OnAgentStateChanged", "loginName": ME,
        "state": { "mainState": "LOG_ON", "proAcdDeviceNumber": SET, "pgNumber": "60121", "subState": sub } })
}

fn ringing_acd_call(call: &str, name: &str) -> Value {
    json!({ "eventName": "OnCallCreated", "loginName": ME, "callRef": call,
        "callData": { "state": "RINGING_INCOMING", "capabilities": caps(&["redirect", "terminate"]),
            "acdCallData": { "pilotNumber": "60141",
                "callInfo": { "queueWaitingTime": 42, "globalWaitingTime": 50, "agentGroup": "60121", "local": true },
                "queueData": { "waitingTime": 42, "saturated": false } } },
        "legs": [leg("RINGING_INCOMING", &["answer", "drop"])],
        "participants": [{ "participantId": "p1", "identity": { "id": { "phoneNumber": "0612345678" },
            "displayName": name, "type": { "main": "EXTERNAL", "subType": "public" } } }] })
}

fn feed(console: &ConsoleState, event: Value) {
    console.handle_event_bytes(event.to_string().as_bytes());
}

fn console_with(client: Option<O2gClient>) -> ConsoleState {
    let clock = RwSignal::new(Instant::from_millis(0));
    ConsoleState::new(client, Some(ME.to_owned()), clock.into())
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
    feed(&console, agent("READY"));
    feed(
        &console,
        ringing_acd_call("c1", "Marie-Amélie Durand-de-la-Rochefoucauld-Montmorency"),
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
