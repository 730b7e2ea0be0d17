//! The `--format text` table: one block per story, its documents indented.

use std::fmt::Write;

use super::{Relation, Report};
use crate::pathenc::escape;

pub fn table(report: &Report) -> String {
    let mut s = String::new();
    let sm = &report.summary;
    let _ = writeln!(
        s,
        "{} document{}, {} {}, {} variant{}, {} skipped",
        sm.documents,
        if sm.documents == 1 { "" } else { "s" },
        sm.stories,
        if sm.stories == 1 { "story" } else { "stories" },
        sm.variants,
        if sm.variants == 1 { "" } else { "s" },
        sm.skipped
    );
    for (i, story) in report.stories.iter().enumerate() {
        let _ = writeln!(
            s,
            "\nstory {} [{}] {} doc(s), {}: {}",
            i + 1,
            story.id,
            story.size,
            story.languages.join("+"),
            story.title
        );
        for v in &story.variants {
            let _ = writeln!(s, "  variant [{}] {} ({} doc(s))", v.id, v.lang, v.size);
            for d in &v.documents {
                let mark = match d.relation {
                    Relation::Canonical => "*",
                    Relation::NearDuplicate => "=",
                };
                let _ = writeln!(
                    s,
                    "    {mark} {:<5} {:>6.2} {:>6}w  {}",
                    d.lang,
                    d.similarity,
                    d.words,
                    escape(&d.path, d.path_bytes.as_ref())
                );
            }
        }
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(s, "\nskipped:");
        for k in &report.skipped {
            let _ = writeln!(
                s,
                "  {}: {}",
                escape(&k.path, k.path_bytes.as_ref()),
                k.reason
            );
        }
    }
    s
}
