//! The bridge's hold on the browser: the `window` listener, the gateway's embed configuration
//! and violation log, the parent frame; and the two hooks that mount the bridge
//! ([`use_host_bridge`], at App level) and plug the signed-in console into it
//! ([`use_host_console`]).

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, MessagePort};

use super::bridge::HostBridge;
use super::Embedding;
use crate::browser::sleep;
use crate::console::ConsoleState;
use crate::drivers::backoff_ms;
use crate::session::Session;
use crate::transport::ConnectionState;

/// Where the gateway publishes the embed allow-list.
const CONFIG_PATH: &str = "/api/embed/config";
/// Where ignored messages are reported, once per origin.
const VIOLATIONS_PATH: &str = "/api/embed/violations";

/// The parent window, when the page is framed.
pub(super) fn parent_of(window: &web_sys::Window) -> Option<web_sys::Window> {
    let parent = window.parent().ok().flatten()?;
    let own: &JsValue = window.as_ref();
    let theirs: &JsValue = parent.as_ref();
    (theirs != own).then_some(parent)
}

/// The parent's origin as the browser tells it (`location.ancestorOrigins`, Chromium and
/// WebKit; web-sys has no binding for it).
pub(super) fn parent_origin(window: &web_sys::Window) -> Option<String> {
    let list = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok()?;
    if list.is_undefined() || list.is_null() {
        return None;
    }
    js_sys::Reflect::get(&list, &JsValue::from(0))
        .ok()?
        .as_string()
}

/// Tells the gateway's log about an ignored message. Fire-and-forget: a failure changes
/// nothing for the agent.
pub(super) fn report_violation(origin: &str, reason: &str) {
    let body = json!({
        "origin": origin.chars().take(200).collect::<String>(),
        "reason": reason,
    })
    .to_string();
    spawn_local(async move {
        let request = gloo_net::http::Request::post(VIOLATIONS_PATH)
            .header("Content-Type", "application/json")
            .body(body);
        if let Ok(request) = request {
            let _ = request.send().await;
        }
    });
}

/// `GET /api/embed/config`: the gateway's allow-list.
async fn fetch_allowed_origins() -> Result<Vec<String>, String> {
    let response = gloo_net::http::Request::get(CONFIG_PATH)
        .send()
        .await
        .map_err(|_| "the gateway could not be reached".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    let config: Value = serde_json::from_slice(text.as_bytes()).map_err(|e| e.to_string())?;
    let origins = config
        .get("allowedOrigins")
        .and_then(Value::as_array)
        .ok_or("no `allowedOrigins` array")?;
    Ok(origins
        .iter()
        .filter_map(|o| o.as_str().map(str::to_owned))
        .collect())
}

/// Loads the allow-list, retrying with backoff until it comes (or the bridge is gone).
async fn load_config(bridge: HostBridge) {
    let mut failures: u32 = 0;
    loop {
        match fetch_allowed_origins().await {
            Ok(origins) => {
                if !bridge.is_alive() {
                    return;
                }
                bridge.set_allowed_origins(&origins);
                bridge.announce_loaded();
                return;
            }
            Err(why) => {
                // Said once, then quietly retried: the log must not fill while a gateway restarts.
                if failures == 0 {
                    leptos::logging::warn!(
                        "agentdesk: could not load the embed configuration ({why}); \
                         handshakes wait until it loads"
                    );
                }
                failures = failures.saturating_add(1);
                sleep(backoff_ms(failures)).await;
                if !bridge.is_alive() {
                    return;
                }
            }
        }
    }
}

/// The host bridge of an embedded page (`None` in full-page mode): provided in context,
/// listening on `window` for the handshake, and reporting the session's changes. Everything
/// is released when the owner (the App) is disposed.
pub fn use_host_bridge(embedding: &Embedding, session: Session) -> Option<HostBridge> {
    if !embedding.is_embedded() {
        return None;
    }
    let window = web_sys::window()?;
    let page_origin = window.location().origin().unwrap_or_default();
    let bridge = HostBridge::new(&page_origin);
    provide_context(bridge);
    spawn_local(load_config(bridge));

    let handle = window_event_listener(leptos::ev::message, move |event: MessageEvent| {
        let from_parent = match (web_sys::window(), event.source()) {
            (Some(window), Some(source)) => parent_of(&window)
                .is_some_and(|parent| JsValue::from(source) == JsValue::from(parent)),
            _ => false,
        };
        let port = event.ports().get(0).dyn_into::<MessagePort>().ok();
        bridge.handle_window_message(&event.origin(), from_parent, event.data(), port);
    });
    on_cleanup(move || {
        handle.remove();
        bridge.close();
    });

    // The host hears sign-in, sign-out and expiry as they happen.
    let phase = session.phase();
    let expired = session.expired();
    let status = Memo::new(move |_| {
        (
            phase.with(|p| p.signed_in().map(|s| s.login.clone())),
            expired.get(),
        )
    });
    Effect::new(move |previous: Option<(Option<String>, bool)>| {
        let now = status.get();
        if previous.is_some_and(|(login, _)| login != now.0) {
            bridge.session_changed(now.0.clone(), now.1);
        }
        now
    });
    Some(bridge)
}

/// Plugs the signed-in console into the host bridge, when there is one: its notifications
/// become host events, host commands drive it, and a dropped event channel is reported.
pub fn use_host_console(console: ConsoleState, login: String, connection: Signal<ConnectionState>) {
    let Some(bridge) = use_context::<HostBridge>() else {
        return;
    };
    bridge.attach_console(console, login);
    Effect::new(move || bridge.connection_changed(connection.get()));
    on_cleanup(move || bridge.detach_console());
}
