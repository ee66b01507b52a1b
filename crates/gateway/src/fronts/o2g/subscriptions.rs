//! `/api/rest/1.0/subscriptions`: subscribe, update the filter, unsubscribe (L2074-2417).
//!
//! A request that does not fit the representation (version, timeout range) is an HTTP 400; a
//! well-formed request asking for what a user session may not have is a 200 whose status is
//! REFUSED with the reason in `message` (L2131-2132).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use cti::o2g::subscription::{Filter, Subscription, SubscriptionRequest, SubscriptionState};
use cti::o2g::API_VERSION;

use super::extract::{origin_of, Credential};
use super::filter::EventFilter;
use crate::error::AppError;
use crate::json::JsonBody;
use crate::state::AppState;

/// Timeout when the request has none (L2115).
const DEFAULT_TIMEOUT_MINUTES: u32 = 10;
/// Non-zero timeouts allowed: 2..=60 minutes, the wider of the two ranges given (AMBIG-13).
const TIMEOUT_RANGE_MINUTES: std::ops::RangeInclusive<u32> = 2..=60;

fn refused(message: impl Into<String>) -> Json<Subscription> {
    Json(Subscription {
        subscription_id: None,
        message: Some(message.into()),
        public_polling_url: None,
        private_polling_url: None,
        status: SubscriptionState::Refused,
        mode: None,
        format: None,
    })
}

/// `POST /subscriptions`.
pub async fn subscribe(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    JsonBody(request): JsonBody<SubscriptionRequest>,
) -> Result<Json<Subscription>, AppError> {
    let (login, _) = state.sessions.touch(&credential, state.now())?;
    if request.version != API_VERSION {
        return Err(AppError::bad_parameter(format!(
            "Unsupported version {:?}; use 1.0",
            request.version
        )));
    }
    let timeout = match request.timeout {
        None => DEFAULT_TIMEOUT_MINUTES,
        Some(0) => 0,
        Some(minutes) if TIMEOUT_RANGE_MINUTES.contains(&minutes) => minutes,
        Some(minutes) => {
            return Err(AppError::bad_parameter(format!(
                "timeout {minutes} is neither 0 nor within 2..60 minutes"
            )))
        }
    };
    if request.web_hook_url.is_some() {
        return Ok(refused(
            "Webhook delivery is not supported by this gateway; use the chunk channel",
        ));
    }
    let filter = match &request.filter {
        None => EventFilter::all_user_events(),
        Some(filter) => match EventFilter::compile(filter, &login) {
            Ok(filter) => filter,
            Err(message) => return Ok(refused(message)),
        },
    };
    let subscription = state
        .events
        .subscribe(&credential, &login, filter, timeout, state.now());
    let id = subscription.id().to_owned();
    tracing::info!(%login, timeout, "subscribed");
    tracing::debug!(%login, subscription = %id, "subscription id");
    // Same origin as the API (AMBIG-21), so that a browser needs no CORS for the channel.
    let polling_url = format!("{}/OTEvents?subscriptionId={id}", origin_of(&headers));
    Ok(Json(Subscription {
        subscription_id: Some(id),
        message: None,
        public_polling_url: Some(polling_url.clone()),
        private_polling_url: Some(polling_url),
        status: SubscriptionState::Accepted,
        mode: Some("CHUNK".to_owned()),
        format: Some("JSON".to_owned()),
    }))
}

/// `PUT /subscriptions`: a new filter for the session's most recent subscription
/// (the resource names none, AMBIG-17). 204; a filter that would be refused is a 400.
pub async fn update(
    State(state): State<AppState>,
    Credential(credential): Credential,
    JsonBody(filter): JsonBody<Filter>,
) -> Result<StatusCode, AppError> {
    let (login, _) = state.sessions.touch(&credential, state.now())?;
    let subscription = state
        .events
        .latest_of_session(&credential, &login)
        .ok_or_else(|| AppError::not_found("This session has no subscription"))?;
    let filter = EventFilter::compile(&filter, &login).map_err(AppError::bad_parameter)?;
    state.events.set_filter(&subscription, filter);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /subscriptions/{subscriptionId}`: closes its channel and drops its queue (204).
pub async fn unsubscribe(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    state.sessions.touch(&credential, state.now())?;
    if state.events.unsubscribe(&credential, &id) {
        tracing::info!("unsubscribed");
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::not_found(format!(
            "This session has no subscription {id:?}"
        )))
    }
}
