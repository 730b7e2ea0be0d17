//! JSON writers: one pretty object (`--format json`) or JSON Lines
//! (`--format jsonl`: one `{"type":"story",…}` object per story, then one
//! `{"type":"summary",…}` object with version, parameters, summary and skipped).

use serde::Serialize;

use super::{Report, SkippedFile, Story, Summary};
use crate::error::Error;

pub fn pretty(report: &Report) -> Result<Vec<u8>, Error> {
    let mut bytes = serde_json::to_vec_pretty(report)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[derive(Serialize)]
struct StoryLine<'a> {
    r#type: &'static str,
    #[serde(flatten)]
    story: &'a Story,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    r#type: &'static str,
    version: &'a str,
    parameters: &'a serde_json::Value,
    summary: &'a Summary,
    skipped: &'a [SkippedFile],
}

pub fn lines(report: &Report) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    for story in &report.stories {
        serde_json::to_writer(
            &mut out,
            &StoryLine {
                r#type: "story",
                story,
            },
        )?;
        out.push(b'\n');
    }
    serde_json::to_writer(
        &mut out,
        &SummaryLine {
            r#type: "summary",
            version: &report.version,
            parameters: &report.parameters,
            summary: &report.summary,
            skipped: &report.skipped,
        },
    )?;
    out.push(b'\n');
    Ok(out)
}
