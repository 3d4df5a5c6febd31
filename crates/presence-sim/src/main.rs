//! `presence-sim`: run the simulated Zulip server.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use presence_sim::{router, system_clock, Deployment, Format, SimConfig};

/// A simulated Zulip server: GET /api/v1/realm/presence, /users, /server_settings and
/// the team endpoints (/user_groups, /get_stream_id, /streams/{id}/members).
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// People in the organization.
    #[arg(long, default_value_t = 40)]
    users: usize,
    /// Seed: the same seed gives the same people and the same churn.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// `modern` (Zulip 7.0+: website + aggregated) or `legacy` (a key per client).
    #[arg(long, default_value = "modern")]
    format: Format,
    /// Serve this file as the presence body instead of the simulation.
    #[arg(long)]
    fixture: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:9991")]
    listen: SocketAddr,
    /// The API email callers must send (HTTP Basic user).
    #[arg(long, env = "SIM_EMAIL", default_value = "roster-bot@zulip.example")]
    email: String,
    /// The API key callers must send (HTTP Basic password).
    #[arg(
        long,
        env = "SIM_API_KEY",
        default_value = "roster0demo0key0not0a0secret0000",
        hide_default_value = true
    )]
    api_key: String,
    /// Base URL for avatar links (default: http://LISTEN).
    #[arg(long)]
    public_url: Option<String>,
    /// Print one realm presence answer (at the given Unix second) and exit: payloads for
    /// benchmarks. With `--changed P`, also print a second answer 60 s later in which P
    /// percent of the people changed status, on the next line.
    #[arg(long, value_name = "UNIX_SECONDS")]
    dump_presence: Option<i64>,
    /// With --dump-presence: percent of people whose status changes in a second answer.
    #[arg(long)]
    changed: Option<u32>,
    /// Print the `/users` answer for the same people (avatars under --public-url) and
    /// exit: the names that go with `--dump-presence`'s answers.
    #[arg(long)]
    dump_users: bool,
    /// The Zulip version `GET /server_settings` announces.
    #[arg(long, default_value = "8.4")]
    zulip_version: String,
    /// The API feature level `GET /server_settings` announces (237: Zulip 8.0).
    #[arg(long, default_value_t = 237)]
    feature_level: u32,
    /// Avatar URLs: `uploaded` (relative `/user_avatars/…`), `default` (relative
    /// `/static/images/default-avatar.png`), `gravatar` (absolute, unreachable offline),
    /// `mixed` (a third of each) or `generated` (absolute under --public-url, for a
    /// simulator reached over https).
    #[arg(long, default_value = "uploaded")]
    avatars: presence_sim::AvatarForm,
    /// Bots, deactivated members, guests, members without presence and presence for
    /// accounts /users does not list.
    #[arg(long)]
    extras: bool,
    /// Emails hidden as with restricted email visibility: user<id>@zulip.example.
    #[arg(long)]
    dummy_emails: bool,
    /// A self-hosted server as many run: `--avatars mixed --extras`.
    #[arg(long)]
    self_hosted: bool,
    /// The proxy's account is a member, not a bot: `GET /user_groups` answers it (Zulip
    /// refuses bots), for group rosters.
    #[arg(long)]
    member_account: bool,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if let Some(at) = args.dump_presence {
        dump(&args, at);
        return;
    }
    if args.dump_users {
        let org = presence_sim::Org::deployed(args.users, args.seed, 0, deployment(&args));
        let base = args.public_url.clone().unwrap_or_default();
        let body = presence_sim::server::users_answer(
            org.members(&base),
            &args.email,
            args.member_account,
        );
        println!("{}", serde_json::to_string(&body).unwrap_or_default());
        return;
    }
    let fixture = match &args.fixture {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                eprintln!("presence-sim: cannot read {}: {e}", path.display());
                std::process::exit(2);
            }
        },
        None => None,
    };
    let deployment = deployment(&args);
    let config = SimConfig {
        users: args.users,
        seed: args.seed,
        format: args.format,
        fixture,
        email: args.email.clone(),
        api_key: args.api_key,
        avatar_base: args
            .public_url
            .unwrap_or_else(|| format!("http://{}", args.listen)),
        server: presence_sim::ServerIdentity {
            version: args.zulip_version.clone(),
            feature_level: args.feature_level,
        },
        deployment,
        member_account: args.member_account,
    };
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("presence-sim: cannot listen on {}: {e}", args.listen);
            std::process::exit(2);
        }
    };
    // The key is never printed: CONTRIBUTING.md has the demo one.
    eprintln!(
        "presence-sim: {} users ({:?}), listening on http://{} (Basic auth user {})",
        args.users, args.format, args.listen, args.email
    );
    let app = router(config, system_clock());
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("presence-sim: {e}");
        std::process::exit(1);
    }
}

fn deployment(args: &Args) -> Deployment {
    let mut deployment = if args.self_hosted {
        Deployment::self_hosted()
    } else {
        Deployment::default()
    };
    if !args.self_hosted || args.avatars != presence_sim::AvatarForm::Uploaded {
        deployment.avatars = args.avatars;
    }
    deployment.extras |= args.extras;
    deployment.dummy_emails = args.dummy_emails;
    deployment
}

/// Prints presence answers for benchmarks (see `--dump-presence`).
fn dump(args: &Args, at: i64) {
    use presence_model::{ReportedStatus, UserPresence};
    let org = presence_sim::Org::deployed(args.users, args.seed, at, deployment(args));
    let first = org.presence(args.format, at as f64);
    println!("{}", serde_json::to_string(&first).unwrap_or_default());
    if let Some(percent) = args.changed {
        // The same answer a minute later, with every n-th person's status flipped and
        // everyone else's timestamps moved along as their clients pinged.
        let mut second = first.clone();
        second.server_timestamp += 60.0;
        let every = (100 / percent.clamp(1, 100)) as usize;
        for (i, user) in second.presences.values_mut().enumerate() {
            let flip = i % every == 0;
            let UserPresence { entries, .. } = user;
            for (_, entry) in entries.iter_mut() {
                if flip {
                    entry.status = match entry.status {
                        ReportedStatus::Active => ReportedStatus::Idle,
                        _ => ReportedStatus::Active,
                    };
                    entry.timestamp = at + 60;
                } else if entry.status == ReportedStatus::Active && entry.timestamp > at - 140 {
                    entry.timestamp += 60;
                }
            }
        }
        println!("{}", serde_json::to_string(&second).unwrap_or_default());
    }
}
