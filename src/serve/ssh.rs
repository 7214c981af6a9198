//! The SSH side of the room (russh): who gets in, what they may ask for,
//! and the bytes between a member's channel and the session's task.
//!
//! A connection may open one session channel, with a pty and a shell; the
//! shell is the quiz. Everything else SSH offers is refused: exec,
//! subsystems (sftp), port forwarding both ways, agent and X11 forwarding,
//! and environment variables other than the locale's.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::layout::Size;
use russh::server::{Auth, ChannelOpenHandle, Msg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, ChannelWriteHalf, MethodKind, MethodSet};
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::mpsc::{Sender, channel};

use super::auth::{Access, Guesses, MAX_TRIES, delay_after};
use super::backend::Outbox;
use super::seats::Seats;
use super::session::{self, Input, MakeMember, SessionParts};
use crate::i18n::serve as tr;

/// Messages waiting for a session before the connection waits for it (a member cannot type this far ahead).
const INPUT_QUEUE: usize = 256;

/// What every connection shares.
pub struct Shared {
    /// The room password, or open.
    pub access: Access,
    /// The room, for the console.
    pub seats: Arc<Seats>,
    /// Sessions allowed at once (`--max-sessions`).
    pub max_sessions: usize,
    /// Makes each session's app.
    pub make: Box<MakeMember>,
    /// When to warn and close an idle session.
    pub idle: session::IdleLimits,
    /// Wrong passwords by address.
    pub guesses: Guesses,
}

/// The russh configuration of the room.
pub fn config(key: russh::keys::PrivateKey, access: &Access) -> russh::server::Config {
    let mut methods = MethodSet::empty();
    if *access == Access::Open {
        methods.push(MethodKind::None);
    }
    // Windows' and OpenSSH's `ssh` ask with either; PuTTY prefers
    // keyboard-interactive.
    methods.push(MethodKind::KeyboardInteractive);
    methods.push(MethodKind::Password);
    russh::server::Config {
        methods,
        keys: vec![key],
        // Each wrong try waits at least this, more with `delay_after`.
        auth_rejection_time: Duration::from_secs(1),
        // OpenSSH first asks with "none" to learn the methods: no wait.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: MAX_TRIES as usize,
        // A member may sit on a screen for long: the session's own idle
        // rule applies, not russh's. Dead connections (a PC switched off,
        // a cable pulled) are found by keepalives within about 2 minutes.
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        // Keys and redraws are small: send them at once.
        nodelay: true,
        ..Default::default()
    }
}

/// One SSH connection.
pub struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    /// Beyond the connections the room takes: let in without a password,
    /// only to be told the room is full.
    overflow: bool,
    wrong_tries: u32,
    /// The one session channel, once opened.
    channel: Option<ChannelState>,
}

struct ChannelState {
    id: ChannelId,
    write: Option<ChannelWriteHalf<Msg>>,
    size: Size,
    /// TERM from the pty request.
    term: String,
    /// To the session, once the shell started.
    input: Option<Sender<Input>>,
}

impl Connection {
    /// A connection from `peer`.
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>) -> Connection {
        Connection {
            shared,
            peer,
            overflow: false,
            wrong_tries: 0,
            channel: None,
        }
    }

    /// A connection beyond what the room takes, which is only told that
    /// the room is full (no password asked: it gets nothing else).
    pub fn overflowing(mut self) -> Connection {
        self.overflow = true;
        self
    }

    fn peer_text(&self) -> String {
        self.peer
            .map_or_else(|| "?".to_owned(), |p| p.ip().to_string())
    }

    /// Logs a refused request (what the client asked for, cleaned) on the
    /// console.
    fn log_refusal(&self, what: &str) {
        let seats = &self.shared.seats;
        seats.log(tr::refused_request(seats.lang(), &self.peer_text(), what));
    }

    /// Refuses a channel other than the member's session (forwarding, X11),
    /// and logs it.
    async fn refuse_channel(
        &self,
        what: &str,
        reply: ChannelOpenHandle,
    ) -> Result<(), russh::Error> {
        self.log_refusal(what);
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn check(&mut self, typed: &str) -> Auth {
        if self.overflow {
            return Auth::Accept;
        }
        let address = self.peer.map(|p| p.ip());
        let guesses = &self.shared.guesses;
        // An address that guessed wrong has its tries checked one after
        // another, slowly, whatever connection they come on.
        if let Some(a) = address {
            let turn = guesses.turn(a, Instant::now());
            tokio::time::sleep_until(tokio::time::Instant::from_std(turn)).await;
        }
        if self.shared.access.admits(typed) {
            if let Some(a) = address {
                guesses.right(a);
            }
            return Auth::Accept;
        }
        self.wrong_tries += 1;
        let by_address = address.map_or(0, |a| guesses.wrong(a, Instant::now()));
        let lang = self.shared.seats.lang();
        self.shared.seats.log(tr::wrong_password(
            lang,
            &self.peer_text(),
            self.wrong_tries,
        ));
        tokio::time::sleep(delay_after(self.wrong_tries.max(by_address))).await;
        Auth::reject()
    }

    /// Sends `bytes` to the session; waits (and so slows the connection)
    /// while its queue is full.
    async fn forward(&mut self, message: Input) {
        let Some(tx) = self.channel.as_ref().and_then(|c| c.input.as_ref()) else {
            return;
        };
        // A session that ended takes nothing more: nothing to do.
        let _ = tx.send(message).await;
    }

    /// Starts the quiz on the channel: a task for the session, one for its
    /// output.
    fn start_shell(&mut self) -> Result<(), String> {
        let shared = Arc::clone(&self.shared);
        let peer = self.peer_text();
        let Some(state) = self.channel.as_mut() else {
            return Err("no channel".to_owned());
        };
        let Some(write) = state.write.take() else {
            return Err("shell started twice".to_owned());
        };
        let lang = shared.seats.lang();
        let (tx, rx) = channel(INPUT_QUEUE);
        let outbox = Outbox::new();
        let seated = if self.overflow {
            None
        } else {
            shared
                .seats
                .seat(self.peer, tx.clone(), shared.max_sessions)
        };
        let Some(id) = seated else {
            // Full (or closing): a polite word, and the channel closes.
            let text = if shared.seats.is_closing() {
                tr::room_closed_to_newcomers(lang)
            } else {
                tr::room_full(lang, shared.max_sessions)
            };
            shared.seats.log(tr::refused_full(lang, &peer));
            tokio::spawn(async move {
                let _ = write
                    .data_bytes(text.replace('\n', "\r\n").into_bytes())
                    .await;
                let _ = write.exit_status(1).await;
                let _ = write.eof().await;
                let _ = write.close().await;
            });
            return Ok(());
        };
        state.input = Some(tx);
        shared.seats.log(tr::joined(lang, &peer, id));
        let parts = SessionParts {
            id,
            seats: Arc::clone(&shared.seats),
            outbox: Arc::clone(&outbox),
            input: rx,
            size: state.size,
            term: state.term.clone(),
            idle: shared.idle,
        };
        tokio::spawn(async move { session::run(parts, &shared.make).await });
        tokio::spawn(async move {
            while let Some(bytes) = outbox.take().await {
                if write.data_bytes(bytes).await.is_err() {
                    // The client is gone; the session sees the hang-up.
                    outbox.close();
                    return;
                }
            }
            let _ = write.exit_status(0).await;
            let _ = write.eof().await;
            let _ = write.close().await;
        });
        Ok(())
    }
}

impl Drop for Connection {
    /// The connection is gone (closed window, network cut, keepalives
    /// unanswered): the session saves the attempt and ends.
    fn drop(&mut self) {
        let Some(tx) = self.channel.as_mut().and_then(|c| c.input.take()) else {
            return;
        };
        if let Err(TrySendError::Full(m)) = tx.try_send(Input::Hangup) {
            // The session is busy with earlier input; it gets the hang-up
            // after it, from a task that may wait.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move { tx.send(m).await });
            }
        }
    }
}

impl russh::server::Handler for Connection {
    type Error = russh::Error;

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(if self.shared.access == Access::Open || self.overflow {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_password(&mut self, _user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.check(password).await)
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        _user: &str,
        _submethods: &str,
        response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let lang = self.shared.seats.lang();
        match response.and_then(|mut r| r.next()) {
            None => Ok(Auth::Partial {
                name: "".into(),
                instructions: "".into(),
                prompts: vec![(tr::password_prompt(lang).into(), false)].into(),
            }),
            Some(answer) => {
                let typed = String::from_utf8_lossy(&answer).into_owned();
                Ok(self.check(&typed).await)
            }
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        _offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Members' own keys mean nothing here: the room password decides.
        Ok(Auth::reject())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            reply.reject(ChannelOpenFailure::ResourceShortage).await;
            return Ok(());
        }
        let id = channel.id();
        // Requests and data reach the handler's methods; the channel's own
        // queue of them is not read, so it is dropped (russh then skips it).
        let (read, write) = channel.split();
        drop(read);
        self.channel = Some(ChannelState {
            id,
            write: Some(write),
            size: Size::new(80, 24),
            term: String::new(),
            input: None,
        });
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(&format!("direct-tcpip {host}:{port}"), reply)
            .await
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel("x11", reply).await
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        socket_path: &str,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_channel(&format!("direct-streamlocal {socket_path}"), reply)
            .await
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log_refusal(&format!("tcpip-forward {address}:{port}"));
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log_refusal(&format!("streamlocal-forward {socket_path}"));
        Ok(false)
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channel.as_mut() {
            Some(state) if state.id == channel && state.input.is_none() => {
                state.size = size(col_width, row_height);
                // A client may send anything: a short, printable name.
                state.term = term
                    .chars()
                    .filter(char::is_ascii_graphic)
                    .take(64)
                    .collect();
                session.channel_success(channel)?;
            }
            _ => session.channel_failure(channel)?,
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let ours = self.channel.as_ref().is_some_and(|c| c.id == channel);
        let started = ours && self.start_shell().is_ok();
        answer(session, channel, started)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal(&format!("exec {}", String::from_utf8_lossy(data)));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal(&format!("subsystem {name}"));
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        _variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The locale is taken note of and changes nothing (output is UTF-8
        // whatever it says); anything else is refused.
        let kept =
            variable_name == "TERM" || variable_name == "LANG" || variable_name.starts_with("LC_");
        answer(session, channel, kept)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(state) = self.channel.as_mut().filter(|c| c.id == channel) else {
            return Ok(());
        };
        let new = size(col_width, row_height);
        state.size = new;
        self.forward(Input::Resize(new.width, new.height)).await;
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.as_ref().is_some_and(|c| c.id == channel) {
            self.forward(Input::Bytes(data.to_vec())).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.as_ref().is_some_and(|c| c.id == channel) {
            self.forward(Input::Hangup).await;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.as_ref().is_some_and(|c| c.id == channel) {
            self.forward(Input::Hangup).await;
        }
        Ok(())
    }
}

/// A pty's size in cells, within what a screen can be (a client may send
/// 0 or nonsense).
fn size(cols: u32, rows: u32) -> Size {
    let clamp = |v: u32, default: u16| {
        if v == 0 {
            default
        } else {
            u16::try_from(v.min(1000)).unwrap_or(default)
        }
    };
    Size::new(clamp(cols, 80), clamp(rows, 24))
}

/// Answers a channel request: success when `ok`, failure otherwise.
fn answer(session: &mut Session, channel: ChannelId, ok: bool) -> Result<(), russh::Error> {
    if ok {
        session.channel_success(channel)
    } else {
        session.channel_failure(channel)
    }
}
