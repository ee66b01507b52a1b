//! Helpers for the browser tests: a fresh mount point per test, and waiting for the DOM.

// Each test binary compiles this module and uses a subset of it.
#![allow(dead_code)]

pub mod o2g;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// Mounts `f` into a new element of its own, so tests that share the page stay apart.
pub fn mount<F, N>(f: F) -> (HtmlElement, leptos::mount::UnmountHandle<N::State>)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let host: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), f);
    (host, handle)
}

/// Resolves after `ms` milliseconds of real time.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer");
}

/// Waits (up to 5 s) until `condition` holds, letting Leptos apply its updates in between.
pub async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..250 {
        leptos::task::tick().await;
        if condition() {
            return;
        }
        sleep(20).await;
    }
    panic!("timed out waiting until {what}");
}

pub fn query(host: &HtmlElement, selector: &str) -> HtmlElement {
    host.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

pub fn set_input(host: &HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = query(host, selector).unchecked_into();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

pub mod scripted {
    //! A driver that answers transmits from a script, for console tests without a gateway.

    use std::cell::RefCell;
    use std::rc::Rc;

    use agentdesk::drivers::o2g::O2gDriver;
    use agentdesk::drivers::{Driver, DriverHandle, Liveness, Reply};
    use agentdesk::transport::{ChannelHandlers, ChannelStop};
    use cti::adapter::Adapter;
    use cti::transmit::Payload;
    use futures::future::LocalBoxFuture;
    use futures::FutureExt;

    /// Answers each HTTP transmit with the first scripted reply whose path fragment its path
    /// contains; anything else is unreachable. Records what was sent.
    #[derive(Default, Clone)]
    pub struct ScriptedDriver {
        replies: Rc<RefCell<Vec<(String, Reply)>>>,
        sent: Rc<RefCell<Vec<String>>>,
        bodies: Rc<RefCell<Vec<String>>>,
    }

    impl ScriptedDriver {
        /// Answers the next request whose path contains `path` with `status` and `body`.
        pub fn reply(&self, path: &str, status: u16, body: &str) {
            self.replies.borrow_mut().push((
                path.to_owned(),
                Reply::Response {
                    status,
                    body: body.as_bytes().to_vec(),
                },
            ));
        }

        /// `METHOD path?query` of each request sent so far.
        pub fn sent(&self) -> Vec<String> {
            self.sent.borrow().clone()
        }

        /// The body of each request sent so far (empty when none).
        pub fn bodies(&self) -> Vec<String> {
            self.bodies.borrow().clone()
        }

        /// The handle a console takes.
        pub fn handle(&self) -> DriverHandle {
            DriverHandle::new(self.clone())
        }
    }

    impl Driver for ScriptedDriver {
        fn backend(&self) -> &'static str {
            "o2g"
        }

        fn adapter(&self) -> Box<dyn Adapter> {
            O2gDriver::detached(super::o2g::ME).adapter()
        }

        fn transmit(&self, payload: Payload) -> LocalBoxFuture<'static, Reply> {
            let reply = match payload {
                Payload::Http(request) => {
                    let path = request.path_and_query();
                    self.sent
                        .borrow_mut()
                        .push(format!("{} {path}", request.method.as_str()));
                    self.bodies
                        .borrow_mut()
                        .push(request.body.clone().unwrap_or_default());
                    let mut replies = self.replies.borrow_mut();
                    match replies.iter().position(|(p, _)| path.contains(p.as_str())) {
                        Some(index) => replies.remove(index).1,
                        None => Reply::Unreachable(format!("no script for {path}")),
                    }
                }
                _ => Reply::Sent,
            };
            async move { reply }.boxed_local()
        }

        fn run_events(
            &self,
            _: ChannelHandlers,
            _: Rc<ChannelStop>,
        ) -> LocalBoxFuture<'static, ()> {
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
}
