//! `GET /stats/agent-activities`: a window of agent activities, sorted and paged.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{StatsError, StatsState};
use crate::history::{ActivityQuery, Include};
use cti::iso8601::parse_iso8601;
use cti::vonage::{self, ActivityPage, PageMeta, MAX_WINDOW_DAYS, MEDIA_TYPE, WINDOW_EXCEEDED};

/// Items on a page unless `pageSize` says otherwise.
pub const DEFAULT_PAGE_SIZE: usize = 1000;
/// The most items on a page.
pub const MAX_PAGE_SIZE: usize = 5000;

/// Whether the `accept` header allows JSON: the API's v3 type, JSON, or anything.
fn accepts(headers: &HeaderMap) -> bool {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    accept.split(',').any(|range| {
        let range = range.split(';').next().unwrap_or("").trim();
        range.is_empty()
            || range.eq_ignore_ascii_case(MEDIA_TYPE)
            || range.eq_ignore_ascii_case("application/json")
            || range == "application/*"
            || range == "*/*"
    })
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A comma-separated (or repeated) parameter's values.
fn values<'a>(params: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

fn one<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn date(params: &[(String, String)], name: &str) -> Result<Option<u64>, StatsError> {
    one(params, name)
        .map(|text| {
            parse_iso8601(text).ok_or_else(|| {
                StatsError::bad_request(format!(
                    "{name} is not an ISO 8601 date and time: {text:?}"
                ))
            })
        })
        .transpose()
}

fn number(
    params: &[(String, String)],
    name: &str,
    default: usize,
    most: usize,
) -> Result<usize, StatsError> {
    match one(params, name) {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=most).contains(n))
            .ok_or_else(|| {
                StatsError::bad_request(format!(
                    "{name} must be a whole number from 1 to {most}: {text:?}"
                ))
            }),
    }
}

/// The request's query, checked.
struct Request {
    query: ActivityQuery,
    page: usize,
    page_size: usize,
}

fn read(state: &StatsState, params: &[(String, String)]) -> Result<Request, StatsError> {
    let now = state.now();
    let start = date(params, "start")?
        .ok_or_else(|| StatsError::bad_request("start is required (an ISO 8601 date and time)"))?;
    let end = date(params, "end")?.unwrap_or(now);
    if end < start {
        return Err(StatsError::bad_request("end must not be before start"));
    }
    if end - start > MAX_WINDOW_DAYS * 86_400_000 {
        return Err(StatsError::bad_request(WINDOW_EXCEEDED));
    }
    let include = match one(params, "include") {
        None => Include::Started,
        Some(text) => match text.to_ascii_lowercase().as_str() {
            "started" => Include::Started,
            "startedorended" => Include::StartedOrEnded,
            "processed" => Include::Processed,
            _ => {
                return Err(StatsError::bad_request(format!(
                    "include must be Started, StartedOrEnded or Processed: {text:?}"
                )))
            }
        },
    };
    let known: Vec<String> = state
        .sim
        .live_agents()
        .into_iter()
        .map(|a| a.login)
        .collect();
    let mut agents = Vec::new();
    for agent in values(params, "agentId") {
        if !known.iter().any(|k| k == agent) {
            return Err(StatsError::bad_request(format!(
                "agentId {agent:?} is no agent"
            )));
        }
        agents.push(agent.to_owned());
    }
    let mut types = Vec::new();
    for name in values(params, "type") {
        types.push(match name.to_ascii_lowercase().as_str() {
            "presence" => 0,
            "workload" => 1,
            "interaction" => 2,
            _ => {
                return Err(StatsError::bad_request(format!(
                    "type must be Presence, Workload or Interaction: {name:?}"
                )))
            }
        });
    }
    Ok(Request {
        query: ActivityQuery {
            from: start,
            to: end,
            include,
            agents,
            types,
        },
        page: number(params, "page", 1, usize::MAX >> 8)?,
        page_size: number(params, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?,
    })
}

/// `GET /stats/agent-activities`.
pub async fn list(
    State(state): State<StatsState>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, StatsError> {
    let now = state.clock.now();
    if !bearer(&headers).is_some_and(|token| state.tokens.valid(token, now)) {
        return Err(StatsError {
            status: StatusCode::UNAUTHORIZED,
            message: "Authorization has been denied for this request: a bearer token from POST /Auth/connect/token is required".into(),
        });
    }
    if !accepts(&headers) {
        return Err(StatsError {
            status: StatusCode::NOT_ACCEPTABLE,
            message: format!("accept must allow {MEDIA_TYPE}"),
        });
    }
    let request = read(&state, &params)?;
    let offset = (request.page - 1).saturating_mul(request.page_size);
    let up_to = request.query.to.min(state.now());
    let history = state.history.clone();
    let query = request.query.clone();
    let page_size = request.page_size;
    // SQLite is synchronous: read off the async workers.
    let read = tokio::task::spawn_blocking(move || {
        let store = history.lock().unwrap_or_else(|p| p.into_inner());
        store.activities_page(&query, offset, page_size)
    })
    .await;
    let (items, total) = match read {
        Ok(Ok(page)) => page,
        Ok(Err(error)) => {
            tracing::warn!(%error, "history read failed");
            return Err(StatsError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "the history could not be read".into(),
            });
        }
        Err(_) => {
            return Err(StatsError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "the history could not be read".into(),
            })
        }
    };
    let count32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let page_count = total.div_ceil(request.page_size as u64);
    let page = ActivityPage {
        meta: PageMeta {
            page: count32(request.page as u64),
            count: count32(items.len() as u64),
            page_count: count32(page_count),
            total_count: count32(total),
        },
        items,
        up_to: Some(up_to),
    };
    Ok((
        [(header::CONTENT_TYPE, MEDIA_TYPE)],
        vonage::encode_page(&page),
    )
        .into_response())
}
