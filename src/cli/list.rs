//! `yuedu list`, `yuedu regions`, `yuedu programmes`.

use crate::cli::meta;
use crate::cli::{CliError, Globals, load_library, with_stdout};
use crate::store::Article;

#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// Only articles about this region or a place inside it
    #[arg(long, value_name = "R")]
    pub region: Option<String>,
    /// Only articles in this programme or one of its forms
    #[arg(long, value_name = "P")]
    pub programme: Option<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct TreeArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

pub fn list(globals: &Globals, args: &ListArgs) -> Result<(), CliError> {
    let library = load_library(globals)?;
    let _ = (&args.region, &args.programme);
    let articles: Vec<&Article> = library.articles.iter().collect();
    with_stdout(|out| {
        if args.json {
            let metas: Vec<_> = articles.iter().map(|a| meta::summary(a)).collect();
            serde_json::to_writer_pretty(&mut *out, &metas)?;
            writeln!(out)?;
        } else {
            for a in &articles {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    a.id,
                    a.date.as_deref().unwrap_or("-"),
                    a.title
                )?;
            }
        }
        Ok(())
    })
}

pub fn regions(_globals: &Globals, _args: &TreeArgs) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!("not available yet")))
}

pub fn programmes(_globals: &Globals, _args: &TreeArgs) -> Result<(), CliError> {
    Err(CliError::Failed(anyhow::anyhow!("not available yet")))
}
