//! User information (L1125-1692): `GET /logins`, `GET /users/{loginName}` and
//! `GET /users?companyPhone=`, answered from the scenario (people do not change while the
//! gateway runs).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::Json;
use cti::o2g::user::{Device, DeviceType, LoginsResponse, User};

use super::extract::Credential;
use crate::error::AppError;
use crate::scenario::Scenario;
use crate::state::AppState;

/// The one PBX node of the simulated contact centre (`User.nodeId`).
pub const NODE_ID: &str = "1";

/// The `/logins` search criteria the spec reserves to administrators (L1150-1159).
const ADMIN_CRITERIA: [&str; 3] = ["nodeIds", "onlyACD", "onlyWithExtLogin"];

/// Someone with an account: a scenario user or a simulated colleague (bot).
struct Account<'a> {
    number: &'a str,
    first_name: &'a str,
    last_name: &'a str,
}

fn accounts(scenario: &Scenario) -> impl Iterator<Item = Account<'_>> {
    let users = scenario.users.iter().map(|u| Account {
        number: &u.number,
        first_name: &u.first_name,
        last_name: &u.last_name,
    });
    let bots = scenario.bots.iter().map(|b| Account {
        number: &b.number,
        first_name: &b.first_name,
        last_name: &b.last_name,
    });
    users.chain(bots)
}

/// The O2G login of a number: `oxe` + number, as everywhere in the simulator.
fn login_of(number: &str) -> String {
    format!("oxe{number}")
}

/// `account` as `User`; its devices only for the session's owner (L1649-1653).
fn user(account: &Account<'_>, owner: &str) -> User {
    let login_name = login_of(account.number);
    let devices = if login_name == owner {
        vec![Device {
            device_type: Some(DeviceType::Deskphone),
            id: Some(account.number.to_owned()),
            sub_type: None,
        }]
    } else {
        Vec::new()
    };
    User {
        company_phone: Some(account.number.to_owned()),
        first_name: Some(account.first_name.to_owned()),
        last_name: Some(account.last_name.to_owned()),
        login_name: Some(login_name),
        voicemail: None,
        devices,
        node_id: Some(NODE_ID.to_owned()),
        external_login: None,
    }
}

/// `GET /logins`: a user session sees its own login (L1144). The search criteria are the
/// administrator's, and this gateway opens no administrator session: NOT_ALLOWED.
pub async fn logins(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<LoginsResponse>, AppError> {
    let (login, _) = state.sessions.touch(&credential, state.now())?;
    if let Some(criterion) = ADMIN_CRITERIA.iter().find(|c| query.contains_key(**c)) {
        return Err(AppError::not_allowed(format!(
            "{criterion} can only be used by an administrator; this session is a user's"
        )));
    }
    Ok(Json(LoginsResponse {
        login_names: vec![login],
    }))
}

/// `GET /users/{loginName}`: anyone's account; devices only for one's own.
pub async fn user_by_login(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Path(login_name): Path<String>,
) -> Result<Json<User>, AppError> {
    let (owner, _) = state.sessions.touch(&credential, state.now())?;
    accounts(&state.scenario)
        .find(|a| login_of(a.number) == login_name)
        .map(|a| Json(user(&a, &owner)))
        .ok_or_else(|| AppError::not_found(format!("No user {login_name:?}")))
}

/// `GET /users?companyPhone=`: the account of a company phone number (the only criterion;
/// without it, BAD_PARAMETER as the spec says, L1228).
pub async fn user_by_phone(
    State(state): State<AppState>,
    Credential(credential): Credential,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<User>, AppError> {
    let (owner, _) = state.sessions.touch(&credential, state.now())?;
    let phone = query
        .get("companyPhone")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| AppError::bad_parameter("The companyPhone query parameter is mandatory"))?;
    accounts(&state.scenario)
        .find(|a| a.number == phone.as_str())
        .map(|a| Json(user(&a, &owner)))
        .ok_or_else(|| AppError::not_found(format!("No user with company phone {phone:?}")))
}
