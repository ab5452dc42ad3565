//! The time budget of one file's parses. Markup nested tens of thousands deep can make a
//! tree-sitter grammar's scanner quadratic; every parse of a file (Markdown blocks, each inline
//! run, HTML) checks the one deadline through tree-sitter's progress callback, so such a file
//! ends in an error for that file instead of a stalled run.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use tree_sitter::{ParseOptions, ParseState, Parser, Tree};

use super::ParseError;

/// When the parses of the file at hand must be done.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadline {
    started: Instant,
    budget: Duration,
}

impl Deadline {
    /// A deadline `budget` from now.
    pub(crate) fn after(budget: Duration) -> Self {
        Deadline {
            started: Instant::now(),
            budget,
        }
    }

    /// Parse `text` (within the parser's included ranges), giving up at the deadline.
    pub(crate) fn parse(&self, parser: &mut Parser, text: &str) -> Result<Tree, ParseError> {
        let mut out_of_time = false;
        let mut progress = |_: &ParseState| {
            out_of_time = self.started.elapsed() > self.budget;
            if out_of_time {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let bytes = text.as_bytes();
        // A parse cancelled earlier leaves state behind that this one would resume from.
        parser.reset();
        let tree = parser.parse_with_options(
            &mut |at, _| &bytes[at.min(bytes.len())..],
            None,
            Some(ParseOptions::new().progress_callback(&mut progress)),
        );
        match tree {
            Some(tree) => Ok(tree),
            None if out_of_time => Err(ParseError::OutOfTime(self.budget)),
            None => Err(ParseError::Cancelled),
        }
    }
}
