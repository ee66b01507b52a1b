//! The O2G authentication and session endpoints, driven in process.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::Harness;
use cti::o2g::auth::{basic_authorization, AuthenticationResponse, RoxeRestApiDescriptor};
use cti::o2g::session::SessionInfo;
use cti::o2g::{decode, ErrorType};

#[tokio::test]
async fn descriptor_lists_version_1_0_and_its_authenticate_url() {
    let h = Harness::new();
    let reply = h
        .send(
            Request::get("/api/rest")
                .header(header::HOST, common::HOST)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let descriptor: RoxeRestApiDescriptor =
        decode("RoxeRestApiDescriptor", &reply.body).expect("descriptor");
    assert_eq!(descriptor.versions[0].id, "1.0");
    assert_eq!(
        descriptor.versions[0].public_url,
        "http://gw.test:8080/api/rest/authenticate?version=1.0"
    );
    // Only GET (L41): anything else is 405, still in RestErrorInfo form.
    let post = h
        .send(Request::post("/api/rest").body(Body::empty()).expect("req"))
        .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.error().kind(), ErrorType::NotSupported);
}

#[tokio::test]
async fn authenticate_answers_the_credential_in_body_and_cookie() {
    let h = Harness::new();
    let reply = h.authenticate("oxe70120", "0120").await;
    assert_eq!(reply.status, StatusCode::OK);
    let auth: AuthenticationResponse =
        decode("AuthenticationResponse", &reply.body).expect("auth body");
    assert_eq!(auth.login_name.as_deref(), Some("oxe70120"));
    assert_eq!(auth.public_url, "http://gw.test:8080/api/rest/1.0/sessions");
    let cookie = reply
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("Set-Cookie");
    assert!(
        cookie.starts_with(&format!("AlcUserId={}; Path=/", auth.credential)),
        "{cookie}"
    );
}

#[tokio::test]
async fn bad_credentials_and_bad_version_are_rest_errors() {
    let h = Harness::new();
    let wrong = h.authenticate("oxe70120", "9999").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error().kind(), ErrorType::NotAllowed);
    assert!(
        wrong.headers.get(header::WWW_AUTHENTICATE).is_none(),
        "no browser login prompt"
    );
    let unknown = h.authenticate("oxe99999", "0120").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let no_header = h
        .send(
            Request::get("/api/rest/authenticate?version=1.0")
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(no_header.status, StatusCode::UNAUTHORIZED);
    let bad_version = h
        .send(
            Request::get("/api/rest/authenticate?version=2.0")
                .header(
                    header::AUTHORIZATION,
                    basic_authorization("oxe70120", "0120"),
                )
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(bad_version.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_version.error().code, Some(1006));
}

#[tokio::test]
async fn session_lifecycle_open_get_keepalive_delete() {
    let h = Harness::new();
    let reply = h.authenticate("oxe70120", "0120").await;
    let auth: AuthenticationResponse = decode("AuthenticationResponse", &reply.body).expect("auth");
    let opened = h
        .call(
            Method::POST,
            "/api/rest/1.0/sessions",
            &auth.credential,
            Some(r#"{"applicationName":"TESTS_API"}"#),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK);
    let info: SessionInfo = decode("SessionInfo", &opened.body).expect("SessionInfo");
    assert_eq!(info.time_to_live, Some(1800));
    assert_eq!(info.login.as_deref(), Some("oxe70120"));
    assert_eq!(info.private_base_url, "http://gw.test:8080/api/rest/1.0");
    assert!(info
        .services
        .iter()
        .any(|s| s.service_name == "Telephony" && s.relative_url == "/telephony/calls"));

    // A second open with the same credential is refused (L705).
    let again = h
        .call(
            Method::POST,
            "/api/rest/1.0/sessions",
            &auth.credential,
            Some(r#"{"applicationName":"x"}"#),
        )
        .await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);

    let got = h
        .call(
            Method::GET,
            "/api/rest/1.0/sessions",
            &auth.credential,
            None,
        )
        .await;
    assert_eq!(got.status, StatusCode::OK);
    let keepalive = h
        .call(
            Method::POST,
            "/api/rest/1.0/sessions/keepalive",
            &auth.credential,
            None,
        )
        .await;
    assert_eq!(keepalive.status, StatusCode::NO_CONTENT);
    assert!(keepalive.body.is_empty());

    let deleted = h
        .call(
            Method::DELETE,
            "/api/rest/1.0/sessions",
            &auth.credential,
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let after = h
        .call(
            Method::GET,
            "/api/rest/1.0/sessions",
            &auth.credential,
            None,
        )
        .await;
    assert_eq!(after.status, StatusCode::FORBIDDEN);
    assert_eq!(after.error().kind(), ErrorType::InvalidSession);
}

#[tokio::test]
async fn ttl_expires_after_1800_s_idle_and_every_request_resets_it() {
    let h = Harness::new();
    let credential = h.sign_in("oxe70120").await;
    h.clock.advance(Duration::from_secs(1700));
    assert_eq!(
        h.call(Method::GET, "/api/rest/1.0/sessions", &credential, None)
            .await
            .status,
        StatusCode::OK
    );
    h.clock.advance(Duration::from_secs(1700));
    let info = h
        .call(Method::GET, "/api/rest/1.0/sessions", &credential, None)
        .await;
    assert_eq!(info.status, StatusCode::OK, "reset by the previous request");
    h.clock.advance(Duration::from_secs(1801));
    let expired = h
        .call(
            Method::POST,
            "/api/rest/1.0/sessions/keepalive",
            &credential,
            None,
        )
        .await;
    assert_eq!(expired.status, StatusCode::FORBIDDEN);
    assert_eq!(expired.error().code, Some(1001));
}

#[tokio::test]
async fn session_errors_are_rest_error_info() {
    let h = Harness::new();
    // No cookie at all.
    let none = h
        .send(
            Request::get("/api/rest/1.0/sessions")
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(
        (none.status, none.error().kind()),
        (StatusCode::FORBIDDEN, ErrorType::InvalidSession)
    );
    // A forged credential.
    let forged = h
        .call(
            Method::DELETE,
            "/api/rest/1.0/sessions",
            "eyJ.forged.x",
            None,
        )
        .await;
    assert_eq!(forged.error().kind(), ErrorType::InvalidSession);
    // A malformed body.
    let reply = h.authenticate("oxe70121", "0121").await;
    let auth: AuthenticationResponse = decode("AuthenticationResponse", &reply.body).expect("auth");
    for body in [
        "{",
        r#"{"applicationName":5}"#,
        "{}",
        r#"{"applicationName":" "}"#,
    ] {
        let bad = h
            .call(
                Method::POST,
                "/api/rest/1.0/sessions",
                &auth.credential,
                Some(body),
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(bad.error().kind(), ErrorType::BadParameter, "{body}");
        assert!(bad.error().inner_message.is_some_and(|m| !m.is_empty()));
    }
    // An unknown resource under the API.
    let unknown = h
        .call(
            Method::GET,
            "/api/rest/1.0/nothing-here",
            &auth.credential,
            None,
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.error().kind()),
        (StatusCode::NOT_FOUND, ErrorType::NotFound)
    );
}
