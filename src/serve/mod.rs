//! `union-quiz serve`: a training room on one laptop. Members join with
//! `ssh -p 2222 thi@ADDR` from any PC of the local network and take the
//! quiz of `run`; every row lands in one results file; the trainer watches
//! the room on the console.
//!
//! This is the only module that touches the network:
//! - `ssh.rs`: the SSH server (russh): authentication, refusals, channels;
//! - `auth.rs`: the room password and the slowing of wrong tries;
//! - `hostkey.rs`: the host key kept beside the results file;
//! - `input.rs`: bytes from a channel become key, paste and mouse events;
//! - `backend.rs`: a ratatui backend that draws on a channel, bounded;
//! - `session.rs`: one member's session, a task beside its connection;
//! - `app.rs`: the quiz app as a session drives it;
//! - `room.rs` and `console.rs`: what the trainer sees.

pub mod app;
pub mod auth;
pub mod backend;
pub mod console;
pub mod hostkey;
pub mod input;
pub mod seats;
pub mod session;
pub mod ssh;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;

use crate::bank;
use crate::engine::Overrides;
use crate::i18n::Lang;
use crate::i18n::serve as tr;
use crate::i18n::ui as ui_tr;
use crate::roster;
use crate::session::{Room as QuizRoom, SeedSource};
use crate::ui::app::{App, Settings};
use crate::ui::{QuizArgs, at_least_one};
use auth::Access;
use seats::Seats;

/// Options of `union-quiz serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// A bank file or a folder of banks (default `quizzes/`).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The address and port to listen on (port 0: any free port).
    #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:2222")]
    pub listen: String,
    /// Where rows go, the units, and the overrides of the banks' set-up,
    /// as in `run`.
    #[command(flatten)]
    pub quiz: QuizArgs,
    /// Members connected at once; more get a polite message.
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = at_least_one)]
    pub max_sessions: usize,
    /// No room password: anyone on the network may join.
    #[arg(long)]
    pub open: bool,
}

/// Runs `union-quiz serve`.
pub fn run(args: &ServeArgs, lang: Lang) -> ExitCode {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("quizzes"));
    let (banks, diagnostics) = bank::load_all(&path);
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{}", d.render(lang));
    }
    if banks.is_empty() {
        eprintln!("{}", ui_tr::no_banks(lang, &path));
        return ExitCode::from(1);
    }
    let roster = match roster::load_for(args.quiz.roster.as_deref(), &path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.render(lang));
            return ExitCode::from(1);
        }
    };
    let time_limit = match crate::ui::time_limit(args.quiz.time_limit.as_deref(), lang) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let Ok(listen) = args.listen.parse::<SocketAddr>() else {
        eprintln!("{}", tr::bad_listen(lang, &args.listen));
        return ExitCode::from(2);
    };
    let key = match hostkey::load_or_create(&args.quiz.results) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{}", tr::host_key_error(lang, &e.to_string()));
            return ExitCode::from(1);
        }
    };
    let seats = Arc::new(Seats::new(lang));
    if key.created {
        seats.log(tr::host_key_created(lang, &key.path));
    }
    if key.tightened {
        seats.log(tr::host_key_tightened(lang, &key.path));
    }
    let access = if args.open {
        Access::Open
    } else {
        Access::generate()
    };
    // One copy of the banks for every session.
    let quiz_room = Arc::new(QuizRoom::new(
        banks,
        roster,
        args.quiz.results.clone(),
        Overrides {
            pick: args.quiz.pick,
            time_limit,
        },
        SeedSource::Random,
        env!("CARGO_PKG_VERSION").to_owned(),
    ));
    // Each session is `run --once`: Enter after the result ends it.
    let settings = Settings {
        lang,
        color: true,
        once: true,
    };
    let make: Box<session::MakeMember> = Box::new(move |backend, now| {
        // Members share the autosave folder: each is offered only their own
        // unfinished attempt, once they typed who they are.
        // A terminal without colours (its TERM says so) gets the monochrome
        // theme, which shows everything by text and attributes.
        let settings = Settings {
            color: backend.colour(),
            ..settings.clone()
        };
        let app = App::new(Arc::clone(&quiz_room), settings).resuming_by_identity();
        let member: Box<dyn session::Member> = Box::new(app::RoomMember::new(app, backend, now)?);
        Ok(member)
    });
    let shared = Arc::new(ssh::Shared {
        access: access.clone(),
        seats: Arc::clone(&seats),
        max_sessions: args.max_sessions,
        make,
        idle: session::IdleLimits::default(),
        guesses: auth::Guesses::new(),
    });
    // One thread for all the SSH connections: their work is small (a key,
    // a frame), and one worker never wakes a second to steal it, which
    // measured 20 % less CPU for a seated room than two (room_load).
    session::start_grid();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("ssh")
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", tr::no_console(lang, &e.to_string()));
            return ExitCode::from(1);
        }
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(listen)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "{}",
                tr::listen_error(lang, &args.listen, &crate::i18n::io_error_message(&e, lang))
            );
            return ExitCode::from(1);
        }
    };
    let bound = listener.local_addr().unwrap_or(listen);
    let config = Arc::new(ssh::config(key.key.clone(), &access));
    runtime.spawn(accept_loop(listener, config, Arc::clone(&shared)));
    // SIGTERM and SIGHUP (the console's window closed), and on Windows the
    // console's close and Ctrl-C events, close the room as `q` does:
    // attempts are saved and members told. So does Ctrl-C where the
    // console is not a terminal (Unix: SIGINT).
    let closing = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&closing);
    if let Err(e) = crate::ui::signals::install(move |_| flag.store(true, Ordering::SeqCst)) {
        eprintln!("{}", tr::no_console(lang, &e.to_string()));
        return ExitCode::from(1);
    }
    #[cfg(unix)]
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&closing));
    let header = console::Header {
        join_lines: console::join_lines(bound),
        access,
        fingerprint: key.fingerprint(),
        max_sessions: args.max_sessions,
    };
    let result = console::run(&seats, &header, &args.quiz.results, &closing);
    closing.store(true, Ordering::SeqCst);
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", tr::no_console(lang, &e.to_string()));
            ExitCode::from(1)
        }
    }
}

/// How long a connection beyond what the room takes may stay: enough to be
/// told the room is full.
const OVERFLOW_STAY: std::time::Duration = std::time::Duration::from_secs(30);

/// The connections the room takes for `max_sessions`: the seated, and some
/// more still typing the password or being told the room is full. Beyond
/// them, as many again are let in only to hear that the room is full (for
/// at most `OVERFLOW_STAY`); beyond those, connections are closed at once.
pub fn connection_caps(max_sessions: usize) -> (usize, usize) {
    let room = max_sessions + max_sessions / 4 + 16;
    (room, room + max_sessions / 4 + 16)
}

/// Accepts connections for as long as the server runs, within
/// [`connection_caps`].
async fn accept_loop(
    listener: tokio::net::TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<ssh::Shared>,
) {
    let open = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (room, overflow) = connection_caps(shared.max_sessions);
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        let now_open = open.load(Ordering::SeqCst);
        if now_open >= overflow {
            drop(stream);
            continue;
        }
        let _ = stream.set_nodelay(true);
        open.fetch_add(1, Ordering::SeqCst);
        let mut handler = ssh::Connection::new(Arc::clone(&shared), Some(peer));
        let full = now_open >= room;
        if full {
            handler = handler.overflowing();
        }
        let config = Arc::clone(&config);
        let open = Arc::clone(&open);
        tokio::spawn(async move {
            if let Ok(session) = russh::server::run_stream(config, stream, handler).await {
                if full {
                    let _ = tokio::time::timeout(OVERFLOW_STAY, session).await;
                } else {
                    let _ = session.await;
                }
            }
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}
