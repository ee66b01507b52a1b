//! Connector commands on the world. Each is decoded from its JMS type and body, turned into
//! neutral [`Command`]s of the agent or answered from the world's state; what the agent is
//! told comes back as events on its topic (the changes themselves reach everyone through
//! [`FinesseFront`]'s diff). A command the connector refuses is an `Error` event with the
//! documented error names, `GENERAL_ERROR` where none fits: nothing else changes.

use cti::finesse::command::{Command as Fin, CommandMessage, ConnectionMode, ReasonList};
use cti::finesse::{ConnectorError, DecodeError, ErrorName, Event, ReasonCodes, Record};

use super::view::{self, Kind, LOGOUT_REASONS, RECLASSIFICATIONS, WRAP_UP_REASONS};
use super::{listing, settle, FinesseFront, Mobile, Scheduled, Source, CALLBACK_RETRY_MS};
use crate::clock::{parse_iso8601, Millis};
use crate::world::Part;
use crate::world::{is_dialable, Acted, Command, Front, World, WorldError};

/// Why the connector refuses a command: an error name and words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The error's name.
    pub name: ErrorName,
    /// Its message.
    pub message: String,
}

impl Refused {
    fn new(name: ErrorName, message: impl Into<String>) -> Refused {
        Refused {
            name,
            message: view::clean(&message.into()),
        }
    }

    fn general(message: impl Into<String>) -> Refused {
        Refused::new(ErrorName::GeneralError, message)
    }
}

/// A refusal of the world (the CTI behind the connector) passed on.
fn cti(error: WorldError) -> Refused {
    Refused::new(ErrorName::CfGenericUnspecified, error.to_string())
}

/// The error a command that does not decode gets: the missing field's own name where the
/// connector documents one, `GENERAL_ERROR` otherwise.
pub fn decode_refusal(error: &DecodeError) -> Refused {
    let name = match error {
        DecodeError::MissingField { field, .. } => match *field {
            "agent_extension" | "Agent_Extension" | "targetMediaAddress" => {
                ErrorName::MissingExtension
            }
            "agent_password" => ErrorName::MissingPassword,
            _ => ErrorName::GeneralError,
        },
        _ => ErrorName::GeneralError,
    };
    Refused::new(name, error.to_string())
}

/// Handles one command at `now`: `jms_type` (`<COMMAND>#<agent_login_id>`) and `body`, sent
/// by `sender` (the STOMP session's login on the built-in endpoint; `None` through a broker,
/// which checked who may send). Never fails: a refusal is an `Error` on the agent's topic
/// (the sender's, for a command it may not send or that names no agent).
pub fn handle<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    sender: Option<&str>,
    jms_type: &str,
    body: &str,
) {
    world.advance(now);
    match CommandMessage::decode(jms_type, body) {
        Ok(message) => {
            let agent = message.agent_login_id;
            let for_other = sender.is_some_and(|s| s != agent);
            if for_other && message.command != Fin::Hello {
                let sender = sender.unwrap_or_default().to_owned();
                refuse(
                    world,
                    &sender,
                    Refused::general(format!("{sender} may not send commands for {agent}")),
                );
            } else if let Err(refused) = run(world, now, &agent, message.command) {
                refuse(world, &agent, refused);
            }
        }
        Err(error) => {
            let named = error.agent().map(str::trim).filter(|a| !a.is_empty());
            let topic = match (sender, named) {
                (Some(sender), _) => Some(sender.to_owned()),
                (None, Some(agent)) => Some(agent.to_owned()),
                (None, None) => None,
            };
            match topic {
                Some(topic) => refuse(world, &topic, decode_refusal(&error)),
                None => tracing::warn!(%error, "a Finesse command names no agent: dropped"),
            }
        }
    }
    settle(world);
}

fn refuse<W: Front + Part<FinesseFront>>(world: &mut World<W>, login: &str, refused: Refused) {
    tracing::info!(%login, name = %refused.name, message = %refused.message, "Finesse command refused");
    front(world).tell(
        login,
        Event::Error(ConnectorError {
            name: refused.name,
            message: refused.message,
        }),
    );
}

fn front<W: Front + Part<FinesseFront>>(world: &mut World<W>) -> &mut FinesseFront {
    world.front_mut().part_mut()
}

/// The agent `login` with `password` (a user of the scenario who is an ACD agent).
fn check_user<W: Front>(world: &World<W>, login: &str, password: &str) -> Result<(), Refused> {
    if password.is_empty() {
        return Err(Refused::new(
            ErrorName::MissingPassword,
            "No password was given",
        ));
    }
    let centre = world.centre();
    let user = centre
        .scenario()
        .users
        .iter()
        .find(|u| u.login_name() == login && u.secret_code == password);
    if user.is_none() || centre.agent(login).is_none() {
        return Err(Refused::new(
            ErrorName::UserNotFound,
            format!("No agent {login} with this password"),
        ));
    }
    Ok(())
}

fn run<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    agent: &str,
    command: Fin,
) -> Result<(), Refused> {
    if let Fin::Hello = command {
        front(world).tell(agent, Event::InService);
        return Ok(());
    }
    match &command {
        Fin::Connect { password, .. } => check_user(world, agent, password)?,
        Fin::Login { password, .. } | Fin::MobileAgentLogin { password, .. } => {
            check_user(world, agent, password)?;
        }
        _ if world.centre().agent(agent).is_none() => {
            return Err(Refused::new(
                ErrorName::UserNotFound,
                format!("{agent} is not an agent"),
            ))
        }
        _ => {}
    }
    front(world).known.insert(agent.to_owned());
    let act = |world: &mut World<W>, command: Command| {
        world.act(now, agent, command).map(|_| ()).map_err(cti)
    };
    match command {
        Fin::Hello | Fin::Beat => Ok(()),
        Fin::Connect { .. } => {
            connected(world, agent);
            Ok(())
        }
        Fin::Login { extension, .. } => login(world, now, agent, &extension, None),
        Fin::MobileAgentLogin {
            extension,
            dial_number,
            mode,
            ..
        } => login(world, now, agent, &extension, Some((dial_number, mode))),
        Fin::Logout { reason_code } => logout(world, now, agent, &reason_code),
        Fin::MakeReady => act(world, Command::Ready),
        Fin::MakeNotReady => act(world, Command::Pause),
        Fin::MakeNotReadyWithReason { reason_code } => {
            let code = reason_code
                .trim()
                .parse::<i32>()
                .map_err(|_| Refused::general(format!("{reason_code:?} is not a reason code")))?;
            act(world, Command::Withdraw(Some(code)))
        }
        Fin::GetState => {
            world.with_front(|front, centre| front.part_mut().tell_state(centre, agent));
            Ok(())
        }
        Fin::MakeCall { number, .. } => {
            let device = line(world, agent)?;
            act(
                world,
                Command::MakeCall {
                    device,
                    callee: number.trim().to_owned(),
                },
            )
        }
        Fin::AnswerCall { dialog_id } => {
            let device = leg(world, agent, &dialog_id)?;
            act(
                world,
                Command::Answer {
                    call: dialog_id,
                    device,
                },
            )
        }
        Fin::HoldCall { dialog_id } => {
            let device = leg(world, agent, &dialog_id)?;
            act(
                world,
                Command::Hold {
                    call: dialog_id,
                    device,
                },
            )
        }
        Fin::RetrieveCall { dialog_id } => {
            let device = leg(world, agent, &dialog_id)?;
            act(
                world,
                Command::Retrieve {
                    call: dialog_id,
                    device,
                },
            )
        }
        Fin::ReleaseCall { dialog_id } => {
            leg(world, agent, &dialog_id)?;
            act(world, Command::DropMe { call: dialog_id })
        }
        Fin::TransferCall {
            extension,
            dialog_id,
        } => {
            leg(world, agent, &dialog_id)?;
            let to = extension_of(&extension)?;
            act(
                world,
                Command::BlindTransfer {
                    call: dialog_id,
                    to,
                },
            )
        }
        Fin::ConferenceCall {
            extension,
            dialog_id,
        } => conference(world, now, agent, &extension, &dialog_id),
        Fin::AcceptOutboundPreview { dialog_id, .. } => accept(world, now, agent, &dialog_id),
        Fin::RejectOutboundPreview { dialog_id, .. } => reject(world, now, agent, &dialog_id),
        Fin::CloseOutboundPreview { dialog_id, .. } => close(world, now, agent, &dialog_id),
        Fin::GetSkillGroup => {
            let centre = world.centre();
            let groups = centre
                .agent(agent)
                .map(|a| view::skill_groups(&centre, a))
                .unwrap_or_default();
            front(world).tell(agent, Event::SkillGroups(groups));
            Ok(())
        }
        Fin::GetSupervisor => {
            world.with_front(|front, centre| {
                let front = front.part_mut();
                let supervisors = centre
                    .agent(agent)
                    .map(|a| view::supervisors(centre, a, &front.views, front.epoch_unix_ms))
                    .unwrap_or_default();
                front.tell(agent, Event::Supervisors(supervisors));
            });
            Ok(())
        }
        Fin::ScheduleCallback {
            target_media_address,
            dialog_id,
            callback_time,
            callback_number,
        } => schedule(
            world,
            agent,
            &target_media_address,
            &dialog_id,
            &callback_time,
            &callback_number,
            false,
        ),
        Fin::UpdateCallback {
            target_media_address,
            dialog_id,
            callback_time,
            callback_number,
        } => schedule(
            world,
            agent,
            &target_media_address,
            &dialog_id,
            &callback_time,
            &callback_number,
            true,
        ),
        Fin::CancelScheduledCallback {
            target_media_address,
            dialog_id,
        } => cancel(world, agent, &target_media_address, &dialog_id),
        Fin::ReclassifyCall {
            target_media_address,
            dialog_id,
            value,
        } => reclassify(world, agent, &target_media_address, &dialog_id, &value),
        Fin::ReasonCodes(list) => {
            let centre = world.centre();
            let labels: Vec<String> = match list {
                ReasonList::NotReady => centre
                    .agent(agent)
                    .map(|a| view::not_ready_reasons(&centre, a))
                    .unwrap_or_default(),
                ReasonList::Logout => LOGOUT_REASONS.iter().map(|l| (*l).to_owned()).collect(),
                ReasonList::WrapUp => WRAP_UP_REASONS.iter().map(|l| (*l).to_owned()).collect(),
            };
            let codes = (1..=labels.len()).map(|n| n.to_string()).collect();
            let labels = labels.iter().map(|l| view::clean(l)).collect();
            front(world).tell(
                agent,
                Event::ReasonCodes(ReasonCodes {
                    list: list.as_str().to_owned(),
                    codes,
                    labels,
                }),
            );
            Ok(())
        }
        _ => Err(Refused::general("This command is not simulated")),
    }
}

/// `Connect`: the agent's identity, its phone books and its lists.
fn connected<W: Front + Part<FinesseFront>>(world: &mut World<W>, login: &str) {
    world.with_front(|front, centre| {
        let Some(agent) = centre.agent(login) else {
            return;
        };
        let front = front.part_mut();
        front.tell(login, Event::AgentInfo(view::agent_info(centre, agent)));
        front.tell(login, Event::Phonebooks(listing(view::phonebooks())));
        front.tell(
            login,
            Event::TeamPhoneBooks(listing(view::team_phonebooks(centre, agent))),
        );
        front.tell(
            login,
            Event::PhonebookContacts(listing(view::contacts(centre))),
        );
        front.queue_lists.remove(login);
        front.team_lists.remove(login);
        front.tell_lists(centre);
    });
}

/// The line `login` places calls from: its directory number.
fn line<W: Front>(world: &World<W>, login: &str) -> Result<String, Refused> {
    world
        .centre()
        .person(login)
        .map(|p| p.0)
        .ok_or_else(|| Refused::general(format!("{login} has no line")))
}

/// The device of `login`'s leg in its (shown) dialog `dialog`.
fn leg<W: Front + Part<FinesseFront>>(
    world: &World<W>,
    login: &str,
    dialog: &str,
) -> Result<String, Refused> {
    world
        .front()
        .part()
        .dialogs
        .get(login)
        .and_then(|d| d.get(dialog.trim()))
        .map(|d| d.device.clone())
        .ok_or_else(|| Refused::general(format!("{login} has no dialog {dialog:?}")))
}

fn extension_of(extension: &str) -> Result<String, Refused> {
    let extension = extension.trim();
    if extension.is_empty() {
        return Err(Refused::new(
            ErrorName::MissingExtension,
            "No extension was given",
        ));
    }
    if !is_dialable(extension) {
        return Err(Refused::new(
            ErrorName::WrongExtension,
            format!("{extension:?} is not an extension"),
        ));
    }
    Ok(extension.to_owned())
}

/// `Login` and `MOBILEAGENTLOGIN`: the extension must be the agent's directory number (or
/// its agent set); the agent logs on its agent set in its first group, not ready. Told:
/// `AgentInfo`, then its `State`; a mobile agent also a `DialogStatus` (no dialog), and its
/// phone is called at once for a nailed connection.
fn login<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    extension: &str,
    mobile: Option<(String, ConnectionMode)>,
) -> Result<(), Refused> {
    let extension = extension.trim();
    if extension.is_empty() {
        return Err(Refused::new(
            ErrorName::MissingExtension,
            "No extension was given",
        ));
    }
    let centre = world.centre();
    let Some(agent) = centre.agent(login).cloned() else {
        return Err(Refused::new(ErrorName::UserNotFound, "Not an agent"));
    };
    if extension != agent.number && agent.pro_acd.as_deref() != Some(extension) {
        return Err(Refused::new(
            ErrorName::WrongExtension,
            format!("{extension} is not the extension of {login}"),
        ));
    }
    if let Some((dial, _)) = &mobile {
        if dial.trim().is_empty() || !is_dialable(dial) {
            return Err(Refused::new(
                ErrorName::CfInvalidLogonDeviceSpecified,
                format!("{dial:?} is not a number to call"),
            ));
        }
    }
    let info = view::agent_info(&centre, &agent);
    let front = world.front_mut().part_mut();
    front.tell(login, Event::AgentInfo(info));
    front
        .extensions
        .insert(login.to_owned(), extension.to_owned());
    front.logout_reasons.remove(login);
    if agent.logged.is_some() {
        // Logged on already (here or through another front): the state again.
        world.with_front(|front, centre| {
            let front = front.part_mut();
            front.observe(centre);
            front.tell_state(centre, login);
        });
    } else {
        let device = match &agent.pro_acd {
            Some(set) => set.clone(),
            None => agent.number.clone(),
        };
        let logged = world.act(
            now,
            login,
            Command::LogOn {
                device,
                group: agent.groups.first().cloned(),
                ready: false,
                // A Finesse login on a set in use is CF_RESOURCE_BUSY, never a take-over.
                take_over: false,
            },
        );
        if let Err(error) = logged {
            world.front_mut().part_mut().extensions.remove(login);
            let busy = matches!(&error, WorldError::NotExpected(m) if m.contains("in use"));
            return Err(if busy {
                Refused::new(ErrorName::CfResourceBusy, error.to_string())
            } else {
                cti(error)
            });
        }
    }
    let Some((dial, mode)) = mobile else {
        return Ok(());
    };
    let dial = dial.trim().to_owned();
    let nailed = mode == ConnectionMode::Nailed;
    let front = world.front_mut().part_mut();
    if let Some(old) = front.mobile.remove(login) {
        if let Some(connection) = old.connection {
            let _ = world.act(now, login, Command::DropMe { call: connection });
        }
    }
    let mut phone = Mobile {
        dial_number: dial.clone(),
        nailed,
        connection: None,
        legs: Default::default(),
    };
    if nailed {
        let front = world.front_mut().part_mut();
        front.tag_next_call(login, Kind::Outbound, "AGENT_INSIDE", true);
        let made = world.act(
            now,
            login,
            Command::MakeCall {
                device: agent.number.clone(),
                callee: dial,
            },
        );
        world.front_mut().part_mut().pending_tags.remove(login);
        if let Ok(Acted::CallMade(call)) = made {
            phone.connection = Some(call);
        }
    }
    let front = world.front_mut().part_mut();
    front.mobile.insert(login.to_owned(), phone);
    front.tell(
        login,
        Event::DialogStatus(cti::finesse::DialogStatus {
            dialog_id: String::new(),
            state: cti::finesse::DialogState::Other(String::new()),
            call_type: String::new(),
            from_address: String::new(),
            to_address: String::new(),
            variables: Record::default(),
        }),
    );
    Ok(())
}

/// `Logout` with an optional reason of `reasoncodelogout`; a mobile agent's connection to
/// its phone ends.
fn logout<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    reason: &str,
) -> Result<(), Refused> {
    let reason = reason.trim();
    if !reason.is_empty() {
        let known = reason
            .parse::<usize>()
            .is_ok_and(|n| (1..=LOGOUT_REASONS.len()).contains(&n));
        if !known {
            return Err(Refused::general(format!(
                "{reason:?} is not a logout reason code"
            )));
        }
    }
    let front = world.front_mut().part_mut();
    let previous = front.logout_reasons.remove(login);
    if !reason.is_empty() {
        front
            .logout_reasons
            .insert(login.to_owned(), reason.to_owned());
    }
    if let Err(error) = world.act(now, login, Command::LogOff) {
        let front = world.front_mut().part_mut();
        front.logout_reasons.remove(login);
        if let Some(previous) = previous {
            front.logout_reasons.insert(login.to_owned(), previous);
        }
        return Err(cti(error));
    }
    let front = world.front_mut().part_mut();
    front.extensions.remove(login);
    if let Some(mobile) = front.mobile.remove(login) {
        let calls = mobile
            .connection
            .into_iter()
            .chain(mobile.legs.into_values().filter(|l| !l.is_empty()));
        for call in calls.collect::<Vec<_>>() {
            let _ = world.act(now, login, Command::DropMe { call });
        }
    }
    Ok(())
}

/// `Conferencecall`: a consultation of the second agent's extension from the main call's
/// device (the world holds the main call), merged when the second agent answers.
fn conference<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    extension: &str,
    dialog: &str,
) -> Result<(), Refused> {
    let device = leg(world, login, dialog)?;
    let to = extension_of(extension)?;
    let active = world
        .front()
        .part()
        .dialogs
        .get(login)
        .and_then(|d| d.get(dialog))
        .is_some_and(|d| d.state == cti::finesse::DialogState::Active);
    if !active {
        return Err(Refused::general(format!(
            "Dialog {dialog} is not active: it cannot be conferenced"
        )));
    }
    world
        .front_mut()
        .part_mut()
        .tag_next_call(login, Kind::Consult, "CONSULT", false);
    let made = world.act(now, login, Command::MakeCall { device, callee: to });
    let front = world.front_mut().part_mut();
    front.pending_tags.remove(login);
    match made {
        Ok(Acted::CallMade(consult)) => {
            front.conferences.push(super::Conference {
                login: login.to_owned(),
                main: dialog.to_owned(),
                consult,
            });
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(error) => Err(cti(error)),
    }
}

/// The offer `dialog` of `login`.
fn offer_of(front: &FinesseFront, login: &str, dialog: &str) -> Result<super::Offer, Refused> {
    front
        .offers
        .get(login)
        .filter(|o| o.dialog.dialog_id == dialog.trim())
        .cloned()
        .ok_or_else(|| Refused::general(format!("{login} has no preview offer {dialog:?}")))
}

/// Accepts an offer: the campaign's record is taken and called back from the agent's line
/// (then closed: the record is done), or the personal callback is called.
fn accept<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    dialog: &str,
) -> Result<(), Refused> {
    let offer = offer_of(world.front().part(), login, dialog)?;
    let number = offer.dialog.to_address.clone();
    world
        .front_mut()
        .part_mut()
        .withdraw_offer(login, "ACCEPTED");
    match offer.source {
        Source::Preview(uuid) => {
            world
                .act(now, login, Command::TakeCallback(uuid.clone()))
                .map_err(cti)?;
            world
                .front_mut()
                .part_mut()
                .tag_next_call(login, Kind::Outbound, "OUTBOUND", false);
            let started = world.act(now, login, Command::StartCallback { uuid, number });
            world.front_mut().part_mut().pending_tags.remove(login);
            if let Acted::CallbackStarted { ticket, .. } = started.map_err(cti)? {
                world
                    .act(now, login, Command::CloseCallback(ticket))
                    .map_err(cti)?;
            }
            Ok(())
        }
        Source::Callback(id) => {
            world
                .front_mut()
                .part_mut()
                .callbacks
                .retain(|c| c.id != id);
            let device = line(world, login)?;
            world.front_mut().part_mut().tag_next_call(
                login,
                Kind::Outbound,
                "OUTBOUND_CALLBACK",
                false,
            );
            let made = world.act(
                now,
                login,
                Command::MakeCall {
                    device,
                    callee: number,
                },
            );
            world.front_mut().part_mut().pending_tags.remove(login);
            made.map(|_| ()).map_err(cti)
        }
    }
}

/// Rejects an offer: the campaign's record goes to someone else (not offered to this agent
/// again); a personal callback comes back later.
fn reject<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    dialog: &str,
) -> Result<(), Refused> {
    let offer = offer_of(world.front().part(), login, dialog)?;
    let epoch = world.front().part().epoch_unix_ms;
    let front = world.front_mut().part_mut();
    front.withdraw_offer(login, "REJECTED");
    match offer.source {
        Source::Preview(uuid) => {
            front
                .rejected
                .entry(login.to_owned())
                .or_default()
                .insert(uuid);
        }
        Source::Callback(id) => {
            let later = epoch.saturating_add(now).saturating_add(CALLBACK_RETRY_MS);
            if let Some(callback) = front.callbacks.iter_mut().find(|c| c.id == id) {
                callback.at_unix_ms = later;
            }
        }
    }
    Ok(())
}

/// Closes an offer: the campaign's record is closed without a call; a personal callback is
/// cancelled.
fn close<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    now: Millis,
    login: &str,
    dialog: &str,
) -> Result<(), Refused> {
    let offer = offer_of(world.front().part(), login, dialog)?;
    world.front_mut().part_mut().withdraw_offer(login, "CLOSED");
    match offer.source {
        Source::Preview(uuid) => {
            world
                .act(now, login, Command::TakeCallback(uuid.clone()))
                .map_err(cti)?;
            world
                .act(now, login, Command::CloseCallback(uuid))
                .map_err(cti)?;
        }
        Source::Callback(id) => world
            .front_mut()
            .part_mut()
            .callbacks
            .retain(|c| c.id != id),
    }
    Ok(())
}

/// The target media address must be the agent's extension (its directory number, agent set
/// or the extension it logged in with).
fn check_target<W: Front + Part<FinesseFront>>(
    world: &World<W>,
    login: &str,
    target: &str,
) -> Result<(), Refused> {
    let target = target.trim();
    if target.is_empty() {
        return Err(Refused::new(
            ErrorName::MissingExtension,
            "No targetMediaAddress was given",
        ));
    }
    let centre = world.centre();
    let agent = centre.agent(login);
    let own = agent.is_some_and(|a| a.number == target || a.pro_acd.as_deref() == Some(target))
        || world
            .front()
            .part()
            .extensions
            .get(login)
            .map(String::as_str)
            == Some(target);
    if !own {
        return Err(Refused::new(
            ErrorName::WrongExtension,
            format!("{target} is not the extension of {login}"),
        ));
    }
    Ok(())
}

/// `SHCEDULECALLBACK` / `UPDATECALLBACK`: a personal callback of a dialog of the agent (live
/// or recently ended), due at `time` (ISO 8601, UTC unless an offset says otherwise), to
/// `number`. Told: the dialog's `DialogStatus` with `callbackTime` and `callbackNumber`.
fn schedule<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    login: &str,
    target: &str,
    dialog: &str,
    time: &str,
    number: &str,
    update: bool,
) -> Result<(), Refused> {
    check_target(world, login, target)?;
    let dialog = dialog.trim();
    let (view, live) = world
        .front()
        .part()
        .any_dialog(login, dialog)
        .ok_or_else(|| Refused::general(format!("{login} has no dialog {dialog:?}")))?;
    let at = parse_iso8601(time)
        .ok_or_else(|| Refused::general(format!("callbackTime {time:?} is not a date and time")))?;
    let number = number.trim();
    if number.is_empty() || !is_dialable(number) {
        return Err(Refused::general(format!(
            "callbackNumber {number:?} is not a number"
        )));
    }
    let front = world.front_mut().part_mut();
    let existing = front
        .callbacks
        .iter()
        .position(|c| c.login == login && c.dialog_id == dialog);
    match (existing, update) {
        (None, true) => {
            return Err(Refused::general(format!(
                "No callback is scheduled for dialog {dialog}"
            )))
        }
        (Some(index), _) => {
            let callback = &mut front.callbacks[index];
            callback.at_unix_ms = at;
            callback.time = time.trim().to_owned();
            callback.number = number.to_owned();
        }
        (None, false) => {
            front.next_callback += 1;
            let id = format!("callback-{}", front.next_callback);
            front.callbacks.push(Scheduled {
                id,
                login: login.to_owned(),
                dialog_id: dialog.to_owned(),
                at_unix_ms: at,
                time: time.trim().to_owned(),
                number: number.to_owned(),
            });
        }
    }
    // An offer of the old time is withdrawn; the new one comes at its time.
    if front
        .offers
        .get(login)
        .is_some_and(|o| matches!(&o.source, Source::Callback(_)))
    {
        front.withdraw_offer(login, "RESCHEDULED");
    }
    let variables = Record::new([
        ("callbackTime", view::clean(time.trim())),
        ("callbackNumber", number.to_owned()),
    ]);
    let status = super::dialog_status(dialog, &view, live, variables);
    front.tell(login, Event::DialogStatus(status));
    Ok(())
}

/// `CANCELSHCEDULECALLBACK`: told the dialog's `DialogStatus` with empty callback values.
fn cancel<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    login: &str,
    target: &str,
    dialog: &str,
) -> Result<(), Refused> {
    check_target(world, login, target)?;
    let dialog = dialog.trim();
    let front = world.front_mut().part_mut();
    let Some(index) = front
        .callbacks
        .iter()
        .position(|c| c.login == login && c.dialog_id == dialog)
    else {
        return Err(Refused::general(format!(
            "No callback is scheduled for dialog {dialog}"
        )));
    };
    let callback = front.callbacks.remove(index);
    if front
        .offers
        .get(login)
        .is_some_and(|o| o.source == Source::Callback(callback.id.clone()))
    {
        front.withdraw_offer(login, "CANCELLED");
    }
    if let Some((view, live)) = front.any_dialog(login, dialog) {
        let variables = Record::new([("callbackTime", ""), ("callbackNumber", "")]);
        let status = super::dialog_status(dialog, &view, live, variables);
        front.tell(login, Event::DialogStatus(status));
    }
    Ok(())
}

/// `RECLASSIFYCALL` with one of Finesse's outbound values: kept, and told in the dialog's
/// `DialogStatus`.
fn reclassify<W: Front + Part<FinesseFront>>(
    world: &mut World<W>,
    login: &str,
    target: &str,
    dialog: &str,
    value: &str,
) -> Result<(), Refused> {
    check_target(world, login, target)?;
    let dialog = dialog.trim();
    let value = value.trim().to_ascii_uppercase();
    if !RECLASSIFICATIONS.contains(&value.as_str()) {
        return Err(Refused::general(format!(
            "{value:?} is not a reclassification ({})",
            RECLASSIFICATIONS.join(" ")
        )));
    }
    let front = world.front_mut().part_mut();
    let (view, live) = front
        .any_dialog(login, dialog)
        .ok_or_else(|| Refused::general(format!("{login} has no dialog {dialog:?}")))?;
    front.reclassified.insert(dialog.to_owned(), value.clone());
    let status = super::dialog_status(
        dialog,
        &view,
        live,
        Record::new([("reclassification", value)]),
    );
    front.tell(login, Event::DialogStatus(status));
    Ok(())
}
