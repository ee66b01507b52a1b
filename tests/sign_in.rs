//! The sign-in screen, mounted in headless Chromium.

// Browser tests are not `#[test]` functions, so clippy.toml's test allowances miss them:
// failing loudly is what a test is for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use agentdesk::components::SignIn;
use agentdesk::hooks::{BackendChoice, BackendList};
use agentdesk::session::SignInForm;
use agentdesk::transport::{normalize_gateway_url, ApiError};
use agentdesk::App;
use common::{mount, query, set_input, wait_until};
use cti::o2g::ErrorType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn text(host: &web_sys::HtmlElement, selector: &str) -> String {
    query(host, selector).inner_text()
}

fn input_value(host: &web_sys::HtmlElement, selector: &str) -> String {
    query(host, selector)
        .unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

/// Mounts the App and waits for the sign-in form: at start-up it first asks the page's
/// gateway for a session to resume (the test server has none).
async fn mount_app() -> (web_sys::HtmlElement, impl Sized) {
    let (host, mounted) = mount(App);
    wait_until("the sign-in form, once no session is found", || {
        host.query_selector("#sign-in-login")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    (host, mounted)
}

#[wasm_bindgen_test]
async fn start_up_checks_for_a_session_before_showing_the_form() {
    let (host, _mounted) = mount(App);
    leptos::task::tick().await;
    assert_eq!(
        text(&host, "[data-testid=checking-session]"),
        "Checking session…"
    );
    assert!(
        host.query_selector("form").ok().flatten().is_none(),
        "no flash of the form before the answer"
    );
    wait_until("the form once the gateway has no session", || {
        host.query_selector("#sign-in-login")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
}

#[wasm_bindgen_test]
async fn form_has_labelled_controls_and_defaults_the_gateway_to_the_page_origin() {
    let (host, _mounted) = mount_app().await;
    for id in ["sign-in-login", "sign-in-password", "sign-in-gateway"] {
        query(&host, &format!("#{id}"));
        let label = host
            .query_selector(&format!("label[for='{id}']"))
            .expect("selector");
        assert!(
            label.is_some_and(|l| !l.text_content().unwrap_or_default().is_empty()),
            "{id} has a label"
        );
    }
    let origin = web_sys::window()
        .expect("window")
        .location()
        .origin()
        .expect("origin");
    assert_eq!(input_value(&host, "#sign-in-gateway"), origin);
    assert_eq!(text(&host, "button[type=submit]"), "Sign in");
}

#[wasm_bindgen_test]
async fn empty_login_is_refused_before_anything_is_sent() {
    let (host, _mounted) = mount_app().await;
    set_input(&host, "#sign-in-password", "0120");
    query(&host, "button[type=submit]").click();
    wait_until("the alert names the missing login", || {
        text(&host, "[role=alert]") == "Enter your login."
    })
    .await;
    assert_eq!(
        input_value(&host, "#sign-in-password"),
        "0120",
        "nothing was sent: the password stays (issue 11, defect 12)"
    );
    let placeholder = query(&host, "#sign-in-login")
        .get_attribute("placeholder")
        .unwrap_or_default();
    assert!(
        placeholder.starts_with("e.g. "),
        "a placeholder that cannot pass for a value: {placeholder}"
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_gateway_is_reported_and_the_form_comes_back() {
    let (host, _mounted) = mount_app().await;
    // Port 9 (discard) refuses connections on loopback: a real network failure, quickly.
    set_input(&host, "#sign-in-gateway", "http://127.0.0.1:9/");
    set_input(&host, "#sign-in-login", "oxe70120");
    set_input(&host, "#sign-in-password", "0120");
    query(&host, "button[type=submit]").click();
    wait_until("the failure is announced", || {
        text(&host, "[role=alert]").starts_with("Sign-in failed")
    })
    .await;
    assert_eq!(
        text(&host, "[role=alert]"),
        "Sign-in failed: Cannot reach the gateway at http://127.0.0.1:9."
    );
    assert_eq!(
        input_value(&host, "#sign-in-password"),
        "",
        "the password is cleared once sent"
    );
    assert_eq!(
        text(&host, "button[type=submit]"),
        "Sign in",
        "the button is usable again"
    );
}

#[wasm_bindgen_test]
fn sign_in_form_validation() {
    let form = |gateway: &str, login: &str, password: &str| SignInForm {
        gateway: gateway.into(),
        backend: String::new(),
        login: login.into(),
        password: password.into(),
    };
    let valid = form(" http://gw:8080/ ", " oxe70120 ", "0120")
        .validate()
        .expect("valid");
    assert_eq!(
        (valid.gateway.as_str(), valid.login.as_str()),
        ("http://gw:8080", "oxe70120")
    );
    assert_eq!(
        valid.backend, "o2g",
        "no choice: the backend every gateway speaks"
    );
    assert_eq!(
        form("gw:8080", "a", "b").validate(),
        Err("The gateway address must start with http:// or https://.".into())
    );
    assert_eq!(
        form("http://gw", "  ", "b").validate(),
        Err("Enter your login.".into())
    );
    assert_eq!(
        form("http://gw", "a", "").validate(),
        Err("Enter your password.".into())
    );
    assert!(normalize_gateway_url("https://").is_err());
    assert!(normalize_gateway_url("http://a b").is_err());
    assert!(
        normalize_gateway_url("ééééééééé").is_err(),
        "multibyte text is refused, not sliced"
    );
    assert_eq!(
        normalize_gateway_url("HTTPS://Gw/").as_deref().ok(),
        Some("HTTPS://Gw")
    );
}

#[wasm_bindgen_test]
fn gateway_errors_become_user_messages() {
    let body = br#"{"httpStatus":"FORBIDDEN","code":1001,"type":"INVALID_SESSION","helpMessage":"Log in again.","canRetry":true}"#;
    let error = ApiError::from_answer(403, body);
    assert!(error.is_invalid_session());
    assert_eq!(error.to_string(), "Log in again.");
    // No helpMessage: the error table's text for the code.
    let error = ApiError::from_answer(400, br#"{"code":1006}"#);
    assert_eq!(error.to_string(), ErrorType::BadParameter.help_message());
    // Not O2G at all: the gateway misbehaved, and we say what it sent.
    let error = ApiError::from_answer(502, b"<html>Bad Gateway</html>");
    assert_eq!(
        error.to_string(),
        "The gateway sent an unexpected answer (502): <html>Bad Gateway</html>"
    );
}

#[wasm_bindgen_test]
async fn a_failed_attempt_keeps_the_login_for_another_try() {
    let (host, _mounted) = mount_app().await;
    set_input(&host, "#sign-in-gateway", "http://127.0.0.1:9");
    set_input(&host, "#sign-in-login", "oxe70121");
    set_input(&host, "#sign-in-password", "0121");
    query(&host, "button[type=submit]").click();
    wait_until("the failure is announced", || {
        text(&host, "[role=alert]").starts_with("Sign-in failed")
    })
    .await;
    assert_eq!(input_value(&host, "#sign-in-login"), "oxe70121");
    assert_eq!(input_value(&host, "#sign-in-gateway"), "http://127.0.0.1:9");
}

fn offer(ids: &[&str], default: Option<&str>) -> BackendList {
    BackendList {
        backends: ids
            .iter()
            .map(|id| BackendChoice {
                id: (*id).to_owned(),
                name: format!("{id} centre"),
                console: None,
            })
            .collect(),
        default: default.map(str::to_owned),
    }
}

#[wasm_bindgen_test]
fn the_backends_offered_are_filtered_to_the_widget_s_drivers() {
    let list = offer(&["avaya", "o2g"], Some("avaya"));
    assert_eq!(
        list.usable()
            .iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>(),
        ["o2g"]
    );
    assert_eq!(
        list.preselected().as_deref(),
        Some("o2g"),
        "xuc has no driver here"
    );
    assert_eq!(
        offer(&["o2g"], Some("o2g")).preselected().as_deref(),
        Some("o2g")
    );
    assert_eq!(offer(&["finesse"], None).preselected(), None);
    assert_eq!(
        BackendList::fallback().preselected().as_deref(),
        Some("o2g")
    );
}

/// One build per backend: a backend this build has no driver for is usable on its own
/// console, never on this page; the preselection prefers what this page speaks.
#[wasm_bindgen_test]
fn a_backend_without_a_driver_here_is_signed_in_to_on_its_own_console() {
    let here = web_sys::window().unwrap().location().pathname().unwrap();
    let mut list = offer(&["avaya", "o2g"], Some("avaya"));
    list.backends[0].console = Some("/avaya/".to_owned());
    let avaya = list.choice("avaya").unwrap();
    assert_eq!(avaya.elsewhere(), Some("/avaya/"));
    assert!(avaya.is_usable());
    assert_eq!(
        list.usable()
            .iter()
            .map(|b| b.id.as_str())
            .collect::<Vec<_>>(),
        ["avaya", "o2g"]
    );
    assert_eq!(
        list.preselected().as_deref(),
        Some("o2g"),
        "this page's backend first, even when the gateway's default is elsewhere"
    );
    // A backend's console at this very page (a gateway without its build) is no way in.
    list.backends[0].console = Some(here);
    assert_eq!(list.choice("avaya").unwrap().elsewhere(), None);
    assert_eq!(list.usable().len(), 1);
    // The console of a backend this build speaks is never a reason to leave.
    list.backends[1].console = Some("/o2g/".to_owned());
    assert_eq!(list.choice("o2g").unwrap().elsewhere(), None);
    // Only elsewhere: preselected, so that the form sends the agent there.
    let mut only = offer(&["avaya"], None);
    only.backends[0].console = Some("/avaya/".to_owned());
    assert_eq!(only.preselected().as_deref(), Some("avaya"));
}

/// The widget's session, past its start-up check (the test server has no session).
fn signed_out_session() {
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    agentdesk::session::use_session().resume(origin);
}

#[wasm_bindgen_test]
async fn the_form_offers_what_the_gateway_offers() {
    // One usable backend: no choice to make, the form signs in with it.
    let one = Signal::derive(|| offer(&["avaya", "o2g"], Some("avaya")));
    let (host, _mounted) = mount(move || {
        provide_context(one);
        signed_out_session();
        view! { <SignIn /> }
    });
    wait_until("the form is ready to submit", || {
        !query(&host, "button[type=submit]").has_attribute("disabled")
    })
    .await;
    assert!(host
        .query_selector("#sign-in-backend")
        .ok()
        .flatten()
        .is_none());

    // None this widget speaks: said, and nothing to submit.
    let none = Signal::derive(|| offer(&["finesse"], None));
    let (host, _mounted) = mount(move || {
        provide_context(none);
        signed_out_session();
        view! { <SignIn /> }
    });
    wait_until("the notice", || {
        text(&host, ".notice").contains("no protocol this widget speaks (finesse centre)")
    })
    .await;
    assert!(query(&host, "button[type=submit]").has_attribute("disabled"));
}

#[cfg(feature = "xuc")]
#[wasm_bindgen_test]
async fn two_backends_are_a_choice_and_xuc_signs_in_with_its_own_steps() {
    let both = Signal::derive(|| offer(&["o2g", "xuc"], Some("o2g")));
    let (host, _mounted) = mount(move || {
        provide_context(both);
        signed_out_session();
        view! { <SignIn /> }
    });
    wait_until("the choice", || {
        host.query_selector("#sign-in-backend")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    let select = query(&host, "#sign-in-backend").unchecked_into::<web_sys::HtmlSelectElement>();
    assert_eq!(select.length(), 2);
    assert_eq!(select.value(), "o2g", "the gateway's default");
    select.set_value("xuc");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_until("the start-up check is over", || {
        !query(&host, "button[type=submit]").has_attribute("disabled")
    })
    .await;
    set_input(&host, "#sign-in-login", "oxe70120");
    set_input(&host, "#sign-in-password", "0120");
    query(&host, "button[type=submit]").click();
    // The test server is no XuC: the XuC login request fails, and the form says so.
    for _ in 0..100 {
        let alert = text(&host, "[role=alert]");
        if alert.starts_with("Sign-in failed") {
            assert!(
                alert.contains("XuC"),
                "XuC's login was the one tried: {alert}"
            );
            return;
        }
        agentdesk::browser::sleep(50).await;
    }
    panic!("no failure shown: {:?}", text(&host, "form"));
}
