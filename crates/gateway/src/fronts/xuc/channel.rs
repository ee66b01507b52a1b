//! The XuC socket, `GET /xuc/api/2.0/cti?token=<token>`: `LoggedOn` and `RightProfile` for a
//! good token (`LoggedOnError` then close for a bad one), then commands in and messages out.
//! Every frame in gets its answer or nothing; a frame that is not a command gets an
//! `AgentError`, never a closed socket.

use std::collections::HashMap;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::response::Response;
use cti::xuc::auth::{LoggedOn, LoggedOnError, LoggedOnErrorKind, ProfileName, RightProfile};
use cti::xuc::message::{encode_message, ServerMessage};
use serde_json::json;

use super::sim::commands::agent_error;
use crate::sim_driver::SimHandle;
use crate::state::AppState;

/// `GET /xuc/api/2.0/cti?token=`.
pub async fn socket(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let login = query
        .get("token")
        .and_then(|token| state.xuc_tokens.check(token, state.now(), false).ok());
    // A login holds a bounded number of sockets (issue 17, defect 6); past it, refused.
    let slot = login
        .as_deref()
        .and_then(|login| state.resilience.sockets.acquire(login));
    if slot.is_none() && login.is_some() {
        tracing::warn!(login = ?login, "XuC socket refused: the login holds too many");
    }
    let login = login.filter(|_| slot.is_some());
    // Commands are small: 64 KiB per message (axum's default is 64 MiB).
    let upgrade = upgrade
        .max_message_size(64 * 1024)
        .max_frame_size(64 * 1024);
    upgrade.on_upgrade(move |socket| async move {
        serve(state, login, socket).await;
        drop(slot);
    })
}

async fn send(socket: &mut WebSocket, message: &ServerMessage) -> bool {
    socket
        .send(Message::Text(encode_message(message).into()))
        .await
        .is_ok()
}

async fn serve(state: AppState, login: Option<String>, mut socket: WebSocket) {
    let _open = state.resilience.shutdown.channel();
    let (Some(login), Some(sim)) = (login, state.simulator().cloned()) else {
        let error = ServerMessage::LoggedOnError(LoggedOnError {
            error: LoggedOnErrorKind::LoggedOnFailed,
        });
        let _ = send(&mut socket, &error).await;
        let _ = socket.send(Message::Close(None)).await;
        return;
    };
    // The server logs the user on its CTI link first; a link that stays down is a
    // `loggedOnTimeout` (XuC's 10 s).
    if !sim.xuc_hub().wait_for_link().await {
        tracing::warn!(%login, "XuC socket: the CTI link is down, loggedOnTimeout");
        let error = ServerMessage::LoggedOnError(LoggedOnError {
            error: LoggedOnErrorKind::LoggedOnTimeout,
        });
        let _ = send(&mut socket, &error).await;
        let _ = socket.send(Message::Close(None)).await;
        return;
    }
    let (id, mut frames) = sim.xuc_hub().subscribe(&login);
    tracing::info!(%login, "XuC socket opened");
    let greeting = [
        ServerMessage::LoggedOn(LoggedOn(json!({ "login": login }))),
        ServerMessage::RightProfile(RightProfile {
            profile: if sim.is_supervisor(&login) {
                ProfileName::Supervisor
            } else {
                ProfileName::NoRight
            },
            rights: Vec::new(),
        }),
    ];
    let mut open = true;
    // Any frame from the client proves it alive; silent past the timeout (it pings every
    // 5 s), it is gone without a close (a dead network, a frozen tab): the server closes.
    let silence = tokio::time::sleep(sim.xuc_hub().heartbeat_timeout());
    tokio::pin!(silence);
    for message in &greeting {
        open = open && send(&mut socket, message).await;
    }
    while open {
        tokio::select! {
            incoming = socket.recv() => {
                let deadline = tokio::time::Instant::now() + sim.xuc_hub().heartbeat_timeout();
                silence.as_mut().reset(deadline);
                match incoming {
                Some(Ok(Message::Text(text))) => {
                    for reply in answer(&state, &sim, &login, text.as_bytes()) {
                        if !send(&mut socket, &reply).await {
                            open = false;
                            break;
                        }
                    }
                }
                Some(Ok(Message::Binary(bytes))) => {
                    for reply in answer(&state, &sim, &login, &bytes) {
                        open = open && send(&mut socket, &reply).await;
                    }
                }
                Some(Err(error)) => {
                    // An oversize frame is told (1009), not just dropped.
                    if let Some(frame) = crate::resilience::close_for(error) {
                        let _ = socket.send(Message::Close(Some(frame))).await;
                    }
                    open = false;
                }
                Some(Ok(Message::Close(_))) | None => open = false,
                Some(Ok(_)) => {}
            }},
            () = &mut silence => {
                tracing::info!(%login, "XuC socket silent too long: closed");
                let close = axum::extract::ws::CloseFrame {
                    code: super::hub::HEARTBEAT_CLOSE_CODE,
                    reason: "heartbeat timeout".into(),
                };
                let _ = socket.send(Message::Close(Some(close))).await;
                open = false;
            }
            () = state.resilience.shutdown.stopping() => {
                let close = axum::extract::ws::CloseFrame {
                    code: crate::resilience::shutdown::RESTART_CLOSE_CODE,
                    reason: crate::resilience::shutdown::RESTART_TEXT.into(),
                };
                let _ = socket.send(Message::Close(Some(close))).await;
                open = false;
            }
            frame = frames.recv() => match frame {
                Some(frame) => {
                    open = socket.send(Message::Text(frame.as_ref().into())).await.is_ok();
                }
                None => open = false,
            },
        }
    }
    sim.xuc_hub().unsubscribe(&login, id);
    tracing::info!(%login, "XuC socket closed");
}

/// The direct answers to one frame.
fn answer(state: &AppState, sim: &SimHandle, login: &str, frame: &[u8]) -> Vec<ServerMessage> {
    match cti::xuc::decode_command(frame) {
        Ok(command) => sim.xuc_command(state.now(), login, command),
        Err(error) => vec![agent_error(format!("bad command: {error}"))],
    }
}
