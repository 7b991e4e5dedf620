//! The `yuedu` command line: parsing and dispatch only.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use yuedu::cli::{self, CliError, Globals};

/// 阅读 — read collections of Chinese news articles in the terminal.
///
/// Without a command, opens the library. Articles can be found by region and
/// by programme, read with CJK-aware wrapping, searched and bookmarked.
#[derive(Debug, Parser)]
#[command(name = "yuedu", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    globals: Globals,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the reader on an article
    Open {
        /// Article id (as in `yuedu list`)
        id: String,
        /// Start at this paragraph, counted from 1 (as the reader's ¶ and
        /// `search` show it)
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        paragraph: Option<String>,
    },
    /// List articles
    List(cli::list::ListArgs),
    /// The region tree with article counts
    Regions(cli::list::TreeArgs),
    /// The programme tree with article counts
    Programmes(cli::list::TreeArgs),
    /// Sources (publishers) with article counts
    Sources(cli::sources::FacetArgs),
    /// Years, each with its months, with article counts
    Dates(cli::sources::FacetArgs),
    /// Print an article as the reader lays it out
    Show(cli::show::ShowArgs),
    /// Wrap UTF-8 paragraphs from stdin (CJK-aware fold/fmt)
    Wrap(cli::wrap::WrapArgs),
    /// Find paragraphs across the library
    Search(cli::search::SearchArgs),
    /// Manage bookmarks
    #[command(subcommand)]
    Bookmarks(cli::bookmarks::BookmarksCommand),
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(cli::search::negated_words(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and succeed; real usage
            // errors exit with status 2. An error that quotes an argument
            // holding control characters (a file name passed on) is printed
            // made safe, without colour.
            let plain = e.render().to_string();
            match yuedu::safe::lines(&plain) {
                std::borrow::Cow::Borrowed(_) => {
                    let _ = e.print();
                }
                std::borrow::Cow::Owned(safe) if e.use_stderr() => eprint!("{safe}"),
                std::borrow::Cow::Owned(safe) => print!("{safe}"),
            }
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(&cli) {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            yuedu::safe::warn(&e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Runs the command; its exit status (the TUI ended by a signal exits with
/// 128 + the signal, as a shell reports it).
fn dispatch(cli: &Cli) -> Result<u8, CliError> {
    let g = &cli.globals;
    g.check_config()?;
    let tui = |open| yuedu::app::run(g, open, &yuedu::ui::SCREENS).map(|ended| ended.exit_status());
    let done = match &cli.command {
        None => return tui(None),
        Some(Command::Open { id, paragraph }) => {
            let paragraph = match paragraph {
                Some(typed) => Some(cli::paragraph_number(typed)? - 1),
                None => None,
            };
            return tui(Some((id, paragraph)));
        }
        Some(Command::List(args)) => cli::list::list(g, args),
        Some(Command::Regions(args)) => cli::list::regions(g, args),
        Some(Command::Programmes(args)) => cli::list::programmes(g, args),
        Some(Command::Sources(args)) => cli::sources::run(g, args),
        Some(Command::Dates(args)) => cli::dates::run(g, args),
        Some(Command::Show(args)) => cli::show::run(g, args),
        Some(Command::Wrap(args)) => cli::wrap::run(args),
        Some(Command::Search(args)) => {
            return cli::search::run(g, args).map(|found| if found { 0 } else { 1 });
        }
        Some(Command::Bookmarks(command)) => cli::bookmarks::run(g, command),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            cli::with_stdout(|out| {
                clap_complete::generate(*shell, &mut cmd, "yuedu", out);
                Ok(())
            })
        }
    };
    done.map(|()| 0)
}
