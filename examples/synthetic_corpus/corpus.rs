//! A deterministic generator of policy, handbook and role documents.
//!
//! Documents are assembled from phrase lists that exercise the built-in pack's concepts, in the
//! shapes real handbooks take: front matter, headings, paragraphs with links and emphasis,
//! procedures as ordered lists, responsibility tables, code blocks, and some plain text files.
//! Each document leans to managing, to leading, or to both, so `check` has findings to render.
//! A small PRNG of our own keeps the bytes the same on every platform and Rust version.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 2024;

/// Write `count` documents under `dir` from `seed`; returns the bytes written.
pub fn write(dir: &Path, count: usize, seed: u64) -> io::Result<u64> {
    let mut total = 0u64;
    for index in 0..count {
        let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let doc = Doc::pick(&mut rng, index);
        let text = doc.render(&mut rng);
        let path = dir.join(doc.folder).join(&doc.file_name);
        fs::create_dir_all(path.parent().unwrap_or(dir))?;
        fs::write(&path, &text)?;
        total += text.len() as u64;
    }
    Ok(total)
}

/// SplitMix64: tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// What a document is mostly about, which decides its vocabulary.
#[derive(Clone, Copy, PartialEq)]
enum Lean {
    Manage,
    Lead,
    Both,
}

/// The plan of one document before its text is written.
struct Doc {
    folder: &'static str,
    file_name: String,
    topic: &'static str,
    role: bool,
    lean: Lean,
    sections: usize,
    plain_text: bool,
}

impl Doc {
    fn pick(rng: &mut Rng, index: usize) -> Doc {
        let role = rng.chance(25);
        let topic = if role {
            rng.pick(ROLES)
        } else {
            rng.pick(TOPICS)
        };
        let folder = if role {
            "roles"
        } else {
            rng.pick(&[
                "policies",
                "handbook",
                "handbook/engineering",
                "handbook/people",
                "codes",
            ])
        };
        let lean = match rng.range(0, 9) {
            0..=2 => Lean::Manage,
            3 => Lean::Lead,
            _ => Lean::Both,
        };
        let plain_text = rng.chance(6);
        let slug: String = topic
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let extension = if plain_text { "txt" } else { "md" };
        // Sizes spread from a page to a long chapter, averaging about 10 KB.
        let sections = match rng.range(0, 9) {
            0..=2 => rng.range(2, 5),
            3..=7 => rng.range(6, 14),
            _ => rng.range(15, 34),
        };
        Doc {
            folder,
            file_name: format!("{index:05}-{slug}.{extension}"),
            topic,
            role,
            lean,
            sections,
            plain_text,
        }
    }

    fn render(&self, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(12 * 1024);
        let title = if self.role {
            format!("{} role description", capitalise(self.topic))
        } else {
            format!(
                "{} {}",
                capitalise(self.topic),
                rng.pick(&[
                    "policy",
                    "guidelines",
                    "handbook",
                    "standard",
                    "code of practice"
                ])
            )
        };
        if self.plain_text {
            let _ = writeln!(
                out,
                "{}\n{}\n",
                title.to_uppercase(),
                "=".repeat(title.len())
            );
        } else {
            if rng.chance(30) {
                let _ = writeln!(
                    out,
                    "---\ntitle: {title}\nowner: {} team\nreviewed: 2024-{:02}-{:02}\n---\n",
                    rng.pick(TEAMS),
                    rng.range(1, 12),
                    rng.range(1, 28)
                );
            }
            let _ = writeln!(out, "# {title}\n");
        }
        self.paragraph(rng, &mut out);
        let headings = if self.role {
            ROLE_HEADINGS
        } else {
            POLICY_HEADINGS
        };
        for section in 0..self.sections {
            let heading = headings[section % headings.len()];
            if self.plain_text {
                let _ = writeln!(out, "{}\n", heading.to_uppercase());
            } else {
                let level = if section > 0 && rng.chance(30) {
                    "###"
                } else {
                    "##"
                };
                let _ = writeln!(out, "{level} {heading}\n");
            }
            for _ in 0..rng.range(1, 4) {
                match rng.range(0, 9) {
                    0..=4 => self.paragraph(rng, &mut out),
                    5 => self.list(rng, &mut out, false),
                    6 => self.list(rng, &mut out, true),
                    7 if !self.plain_text => self.table(rng, &mut out),
                    8 if !self.plain_text && rng.chance(40) => code_block(rng, &mut out),
                    _ => self.paragraph(rng, &mut out),
                }
            }
        }
        out
    }

    fn paragraph(&self, rng: &mut Rng, out: &mut String) {
        let sentences = rng.range(2, 8);
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            self.sentence(rng, out);
        }
        out.push_str("\n\n");
    }

    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let manage = match self.lean {
            Lean::Manage => !rng.chance(8),
            Lean::Lead => rng.chance(8),
            Lean::Both => rng.chance(50),
        };
        let start = out.len();
        if rng.chance(20) {
            let _ = write!(out, "{} {}", rng.pick(NEUTRAL), self.topic);
        } else if manage {
            let _ = write!(
                out,
                "{} {} {}",
                rng.pick(SUBJECTS),
                rng.pick(MANAGE_VERBS),
                rng.pick(MANAGE_OBJECTS)
            );
            if rng.chance(85) {
                let _ = write!(out, " {}", rng.pick(MANAGE_TAILS));
            }
        } else {
            let _ = write!(out, "{}", rng.pick(LEAD_SENTENCES));
        }
        if !self.plain_text {
            self.markup(rng, out, start);
        }
        out.push('.');
    }

    /// Dress part of a sentence in inline markup, as authors do now and then.
    fn markup(&self, rng: &mut Rng, out: &mut String, start: usize) {
        match rng.range(0, 19) {
            0 => {
                let _ = write!(
                    out,
                    " (see [{}](https://intranet.example.com/{}/{}))",
                    rng.pick(LINK_TEXTS),
                    self.folder,
                    rng.range(100, 999)
                );
            }
            1 => {
                let _ = write!(out, " using `{}`", rng.pick(CODE_WORDS));
            }
            2 => {
                if let Some(space) = out[start..].find(' ') {
                    out.insert_str(start + space + 1, "**");
                    out.push_str("**");
                }
            }
            3 => {
                let _ = write!(out, ", as *{}* explains", rng.pick(LINK_TEXTS));
            }
            _ => {}
        }
    }

    fn list(&self, rng: &mut Rng, out: &mut String, ordered: bool) {
        for item in 1..=rng.range(3, 8) {
            if ordered {
                let _ = write!(out, "{item}. ");
            } else {
                out.push_str("- ");
            }
            self.sentence(rng, out);
            out.push('\n');
        }
        out.push('\n');
    }

    fn table(&self, rng: &mut Rng, out: &mut String) {
        out.push_str("| Who | Responsibility | When |\n| --- | --- | --- |\n");
        for _ in 0..rng.range(2, 6) {
            let _ = writeln!(
                out,
                "| {} | {} {} | {} |",
                rng.pick(SUBJECTS),
                rng.pick(MANAGE_VERBS),
                rng.pick(MANAGE_OBJECTS),
                rng.pick(CADENCES)
            );
        }
        out.push('\n');
    }
}

fn code_block(rng: &mut Rng, out: &mut String) {
    let _ = writeln!(
        out,
        "```yaml\nreview:\n  owner: {}\n  every: {} days\n  approvers: [lead, security]\n```\n",
        rng.pick(TEAMS).to_lowercase(),
        rng.range(7, 90)
    );
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

const TOPICS: &[&str] = &[
    "remote work",
    "travel and expenses",
    "security incident",
    "parental leave",
    "code review",
    "on-call",
    "hiring",
    "performance review",
    "procurement",
    "data retention",
    "open source contribution",
    "equipment",
    "access control",
    "vendor management",
    "acceptable use",
    "anti-harassment",
    "whistleblowing",
    "time off",
    "learning budget",
    "customer support",
    "release management",
    "business continuity",
    "conflict of interest",
    "gifts and hospitality",
    "social media",
    "password",
    "onboarding",
    "offboarding",
];

const ROLES: &[&str] = &[
    "engineering manager",
    "staff engineer",
    "support specialist",
    "product designer",
    "people partner",
    "security analyst",
    "data scientist",
    "team lead",
    "site reliability engineer",
    "recruiter",
    "customer success manager",
    "technical writer",
];

const TEAMS: &[&str] = &[
    "People",
    "Security",
    "Legal",
    "Finance",
    "Platform",
    "Support",
    "Operations",
];

const POLICY_HEADINGS: &[&str] = &[
    "Purpose",
    "Scope",
    "Policy",
    "Procedure",
    "Responsibilities",
    "Why this matters",
    "How to request an exception",
    "Reporting a concern",
    "Review and updates",
    "Related documents",
    "Definitions",
    "Frequently asked questions",
];

const ROLE_HEADINGS: &[&str] = &[
    "About the role",
    "Responsibilities",
    "What success looks like",
    "How you will grow",
    "Requirements",
    "Working with others",
    "Levels",
    "Interview process",
];

const SUBJECTS: &[&str] = &[
    "Employees",
    "Managers",
    "Every team member",
    "The hiring manager",
    "Contractors",
    "The on-call engineer",
    "You",
    "Team leads",
    "The security team",
    "People managers",
    "The document owner",
    "Each reviewer",
    "New starters",
    "The incident commander",
];

const MANAGE_VERBS: &[&str] = &[
    "must submit",
    "are required to complete",
    "shall notify",
    "should escalate",
    "must follow",
    "will review",
    "must record",
    "need approval for",
    "may not share",
    "are expected to update",
    "must report",
    "track",
    "file a report about",
];

const MANAGE_OBJECTS: &[&str] = &[
    "the expense report",
    "a request form",
    "the incident checklist",
    "the quarterly review",
    "the approval workflow",
    "a ticket in the service desk",
    "the onboarding checklist",
    "the access request",
    "every security incident",
    "the release plan",
    "the vendor assessment",
    "the time sheet",
    "customer data",
    "the runbook",
    "the project milestone",
];

const MANAGE_TAILS: &[&str] = &[
    "within 5 business days",
    "before the deadline",
    "in accordance with the travel policy",
    "at least once a quarter",
    "by the end of the month",
    "as described in step 3",
    "at all times",
    "with a response time of 4 hours",
    "to the compliance team",
    "and measure the result against the target",
    "before it is approved",
    "as part of the review process",
    "or face disciplinary action",
];

const LEAD_SENTENCES: &[&str] = &[
    "We believe that people do their best work when they feel trusted",
    "Our goal is to help everyone grow in their career",
    "Managers coach their reports and give regular feedback so that everyone can learn",
    "We want you to feel safe to speak up and share your ideas",
    "This policy exists to protect the wellbeing of our people",
    "We trust you to use your judgment and make decisions",
    "Our vision is a workplace where everyone belongs",
    "We value curiosity, kindness and respect for one another",
    "Mentoring and learning are part of everyone's job here",
    "We celebrate experiments, even the ones that fail, because that is how we learn",
    "The reason for this rule is to keep our customers and colleagues safe",
    "Take ownership of your growth and ask for the support you need",
    "We listen to each other and explain the why behind our decisions",
    "Leaders inspire their teams with a clear sense of purpose",
    "Everyone deserves dignity, recognition and a healthy work-life balance",
];

const NEUTRAL: &[&str] = &[
    "This section describes",
    "The following applies to",
    "Read this together with the guide to",
    "Questions go to the owner of",
    "Most teams already follow the guidance on",
    "There is a separate page about",
];

const CADENCES: &[&str] = &[
    "Weekly",
    "Every quarter",
    "Before release",
    "Monthly",
    "On request",
    "Yearly",
];

const LINK_TEXTS: &[&str] = &[
    "the expense guide",
    "the security handbook",
    "our values",
    "the career ladder",
    "the incident process",
    "the glossary",
    "the travel portal",
];

const CODE_WORDS: &[&str] = &[
    "#ask-people",
    "policy-review",
    "/request-access",
    "oncall.yaml",
    "SEC-101",
];
