//! `/comlog/records` (L7781-8643), served by the simulator.

use std::collections::HashMap;

use crate::json::BodyBytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use cti::o2g::comlog::{ComHistoryRecordIds, Role};

use super::extract::Credential;
use super::sim::{ComlogFilter, SimRequest};
use super::simulated::{body, respond};
use crate::clock::parse_iso8601;
use crate::error::AppError;
use crate::state::AppState;

type Reply = Result<Response, AppError>;
type Params = Query<HashMap<String, String>>;

fn flag(query: &HashMap<String, String>, name: &str) -> Result<Option<bool>, AppError> {
    match query.get(name).map(|v| v.to_ascii_lowercase()) {
        None => Ok(None),
        // A value-less flag means true (AMBIG-60).
        Some(v) if v.is_empty() || v == "true" => Ok(Some(true)),
        Some(v) if v == "false" => Ok(Some(false)),
        Some(v) => Err(AppError::bad_parameter(format!(
            "{name}={v} is not true or false"
        ))),
    }
}

fn number(query: &HashMap<String, String>, name: &str) -> Result<usize, AppError> {
    query.get(name).map_or(Ok(0), |v| {
        v.parse()
            .map_err(|_| AppError::bad_parameter(format!("{name}={v} is not a number")))
    })
}

/// `afterDate`/`beforeDate`: the spec's UTC dateTime (L7860), as Unix ms.
fn date(query: &HashMap<String, String>, name: &str) -> Result<Option<u64>, AppError> {
    query
        .get(name)
        .map(|v| {
            parse_iso8601(v).ok_or_else(|| {
                AppError::bad_parameter(format!(
                    "{name}={v} is not a date like 2013-05-16T18:17:14.489Z"
                ))
            })
        })
        .transpose()
}

/// `role`: `CALLER` or `CALLEE` (L7868), in any case.
fn role(query: &HashMap<String, String>) -> Result<Option<Role>, AppError> {
    match query.get("role").map(|v| v.trim().to_ascii_uppercase()) {
        None => Ok(None),
        Some(v) if v == "CALLER" => Ok(Some(Role::Caller)),
        Some(v) if v == "CALLEE" => Ok(Some(Role::Callee)),
        Some(v) => Err(AppError::bad_parameter(format!(
            "role={v} is not CALLER or CALLEE"
        ))),
    }
}

fn comlog_filter(query: &HashMap<String, String>) -> Result<ComlogFilter, AppError> {
    let record_ids = query
        .get("recordIdList")
        .map(|list| {
            list.split(',')
                .map(|id| {
                    id.trim()
                        .parse::<i64>()
                        .map_err(|_| AppError::bad_parameter(format!("{id:?} is not a record id")))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(ComlogFilter {
        record_ids,
        unanswered: flag(query, "unanswered")?,
        unacknowledged: flag(query, "unacknowledged")?,
        after: date(query, "afterDate")?,
        before: date(query, "beforeDate")?,
        role: role(query)?,
        remote_party: query
            .get("remotePartyId")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty()),
        offset: number(query, "offset")?,
        limit: number(query, "limit")?,
    })
}

/// `GET /comlog/records`.
pub async fn records(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Query(query): Params,
) -> Reply {
    let filter = comlog_filter(&query)?;
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::ComRecords(filter),
    )
}

/// `DELETE /comlog/records`.
pub async fn delete_records(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Query(query): Params,
) -> Reply {
    let filter = comlog_filter(&query)?;
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::DeleteComRecords(filter),
    )
}

/// `PUT` (and `POST`) `/comlog/records?acknowledge=true|false` with `{"recordIds":[..]}`
/// (AMBIG-53).
pub async fn ack_records(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Query(query): Params,
    BodyBytes(bytes): BodyBytes,
) -> Reply {
    let ack = flag(&query, "acknowledge")?
        .ok_or_else(|| AppError::bad_parameter("The acknowledge query parameter is mandatory"))?;
    let ids = body::<ComHistoryRecordIds>(&bytes)?.record_ids;
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::AckComRecords { ids, ack },
    )
}

fn record_id(id: &str) -> Result<i64, AppError> {
    id.parse()
        .map_err(|_| AppError::bad_parameter(format!("{id:?} is not a record id")))
}

/// `GET /comlog/records/{recordId}`.
pub async fn record(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Reply {
    let id = record_id(&id)?;
    respond(&state, &credential, &headers, SimRequest::ComRecord(id))
}

/// `DELETE /comlog/records/{recordId}`.
pub async fn delete_record(
    State(state): State<AppState>,
    Credential(credential): Credential,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Reply {
    let filter = ComlogFilter {
        record_ids: Some(vec![record_id(&id)?]),
        ..ComlogFilter::default()
    };
    respond(
        &state,
        &credential,
        &headers,
        SimRequest::DeleteComRecords(filter),
    )
}
