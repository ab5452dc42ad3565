#!/usr/bin/env python3
"""Regenerate docs/accuracy.md and docs/accuracy.toml: every rule's agreement with a careful
reader on the shared corpus's two label sets, overall and per source folder.

    cargo build --release && python3 scripts/accuracy.py

The test suite (tests/external/corpus.rs) fails when a rule's balanced accuracy falls more than two
points below the figures written to docs/accuracy.toml.
"""

import datetime
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BINARY = ROOT / "target" / "release" / "policylint"
# What each set is for, as the page says it.
DEV_USE = "read its disagreements and improve the rules"
HELD_OUT_USE = "quote its figures; never tune on its documents"
SETS = [
    ("labels.toml", "development set", DEV_USE),
    (
        "tests/data/labels-dev-extra.toml",
        "development set, second part (45 more documents of the same sources, labelled blind)",
        DEV_USE,
    ),
    (
        "tests/data/labels-dev-extra-2.toml",
        "development set, third part (17 documents of the validation set's sources that it leaves unlabelled, labelled blind)",
        DEV_USE,
    ),
    (
        "tests/data/labels-dev-extra-3.toml",
        "development set, fourth part (the 56 documents of the development set's sources that no set labelled, labelled blind)",
        DEV_USE,
    ),
    ("labels-2.toml", "validation set", HELD_OUT_USE),
]


def development_labels(number, part, what):
    """The development labels of corpus `number`: `what` says which of its documents they are."""
    return (
        f"labels-{number}-dev.toml",
        f"development set, {part} part ({what}, labelled blind)",
        DEV_USE,
    )


def split_corpus(folder, number, corpus, part):
    """A corpus split by position into a development half and a held-out half."""
    return (
        folder,
        [
            development_labels(number, part, f"the {corpus} corpus's even half"),
            (
                f"labels-{number}-test.toml",
                f"held-out set (the {corpus} corpus's odd half, labelled blind)",
                HELD_OUT_USE,
            ),
        ],
    )


def development_corpus(folder, number, corpus, part):
    """A corpus labelled blind for development alone: more documents to study, none held out."""
    return (folder, [development_labels(number, part, f"the whole {corpus} corpus")])


# Corpora beside the shared one, each measured when it is there: documents of more openly
# licensed sources, labelled blind and split by position into a development half and a held-out
# half, or kept whole for development (see each folder's README.md).
EXTRA_CORPORA = [
    split_corpus("extra-corpus", 3, "extra", "fifth"),
    split_corpus("extra-corpus-4", 4, "fourth", "sixth"),
    split_corpus("extra-corpus-5", 5, "fifth", "seventh"),
    split_corpus("extra-corpus-6", 6, "sixth", "eighth"),
    split_corpus("extra-corpus-7", 7, "seventh", "ninth"),
    split_corpus("extra-corpus-8", 8, "eighth", "tenth"),
    split_corpus("extra-corpus-9", 9, "ninth", "eleventh"),
    split_corpus("extra-corpus-10", 10, "tenth", "twelfth"),
    split_corpus("extra-corpus-11", 11, "eleventh", "thirteenth"),
    split_corpus("extra-corpus-12", 12, "twelfth", "fourteenth"),
    split_corpus("extra-corpus-13", 13, "thirteenth", "fifteenth"),
    split_corpus("extra-corpus-14", 14, "fourteenth", "sixteenth"),
    split_corpus("extra-corpus-15", 15, "fifteenth", "seventeenth"),
    split_corpus("extra-corpus-16", 16, "sixteenth", "eighteenth"),
    split_corpus("extra-corpus-17", 17, "seventeenth", "nineteenth"),
    split_corpus("extra-corpus-18", 18, "eighteenth", "twentieth"),
    split_corpus("extra-corpus-19", 19, "nineteenth", "twenty-first"),
    split_corpus("extra-corpus-20", 20, "twentieth", "twenty-second"),
    split_corpus("extra-corpus-21", 21, "twenty-first", "twenty-third"),
    split_corpus("extra-corpus-22", 22, "twenty-second", "twenty-fourth"),
    split_corpus("extra-corpus-23", 23, "twenty-third", "twenty-fifth"),
    split_corpus("extra-corpus-24", 24, "twenty-fourth", "twenty-sixth"),
    split_corpus("extra-corpus-25", 25, "twenty-fifth", "twenty-seventh"),
    split_corpus("extra-corpus-26", 26, "twenty-sixth", "twenty-eighth"),
    split_corpus("extra-corpus-27", 27, "twenty-seventh", "twenty-ninth"),
    split_corpus("extra-corpus-28", 28, "twenty-eighth", "thirtieth"),
    split_corpus("extra-corpus-29", 29, "twenty-ninth", "thirty-first"),
    split_corpus("extra-corpus-30", 30, "thirtieth", "thirty-second"),
    split_corpus("extra-corpus-31", 31, "thirty-first", "thirty-third"),
    split_corpus("extra-corpus-32", 32, "thirty-second", "thirty-fourth"),
    split_corpus("extra-corpus-33", 33, "thirty-third", "thirty-fifth"),
    split_corpus("extra-corpus-34", 34, "thirty-fourth", "thirty-sixth"),
    split_corpus("extra-corpus-35", 35, "thirty-fifth", "thirty-seventh"),
    split_corpus("extra-corpus-36", 36, "thirty-sixth", "thirty-eighth"),
    split_corpus("extra-corpus-37", 37, "thirty-seventh", "thirty-ninth"),
    split_corpus("extra-corpus-38", 38, "thirty-eighth", "fortieth"),
    split_corpus("extra-corpus-39", 39, "thirty-ninth", "forty-first"),
    split_corpus("extra-corpus-40", 40, "fortieth", "forty-second"),
    split_corpus("extra-corpus-41", 41, "forty-first", "forty-third"),
    split_corpus("extra-corpus-42", 42, "forty-second", "forty-fourth"),
    development_corpus("extra-corpus-43", 43, "forty-third", "forty-fifth"),
    development_corpus("extra-corpus-44", 44, "forty-fourth", "forty-sixth"),
    split_corpus("extra-corpus-45", 45, "forty-fifth", "forty-seventh"),
    split_corpus("extra-corpus-46", 46, "forty-sixth", "forty-eighth"),
    split_corpus("extra-corpus-47", 47, "forty-seventh", "forty-ninth"),
    split_corpus("extra-corpus-48", 48, "forty-eighth", "fiftieth"),
]


def labels_path(labels):
    """A corpus labels file by name, one of a corpus beside it (`../folder/…`), or one of this
    repository's."""
    if labels.startswith("../"):
        return ROOT.parent / labels.removeprefix("../")
    return ROOT / labels if labels.startswith("tests/") else CORPUS / labels


# Folders of the corpus that hold several sources, one folder deeper each.
NESTED = {"codes-of-conduct", "roles", "plain-text"}


def run_eval(labels, depth):
    out = subprocess.run(
        [str(BINARY), "eval", str(labels_path(labels)), "--format", "json", "--by", str(depth)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out)


def evaluate(labels):
    """The figures of a label set, with one group per source (the NESTED folders hold several)."""
    report = run_eval(labels, 1)
    deeper = run_eval(labels, 2)["groups"]
    # Paths that climb out of this repository into the corpus name their source deeper down.
    for group in report["groups"] + deeper:
        group["group"] = group["group"].replace("../../../shared/corpus/", "").replace("../", "")
    report["groups"] = [g for g in report["groups"] if g["group"] not in NESTED] + [
        g for g in deeper if g["group"].split("/")[0] in NESTED
    ]
    report["groups"].sort(key=lambda g: g["group"])
    return report


def percent(value):
    return "–" if value is None else f"{value * 100:.1f}%"


def fraction(part, whole):
    return "–" if whole == 0 else f"{part}/{whole}"


def table(rules):
    lines = [
        "| rule | scored | fires on `no` | silent on `yes` | balanced accuracy | false alarms on `yes` |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rules:
        lines.append(
            f"| `{r['rule']}` | {r['scored']} | {fraction(r['fires_on_no'], r['no'])} "
            f"| {fraction(r['silent_on_yes'], r['yes'])} | {percent(r['balanced_accuracy'])} "
            f"| {percent(None if r['yes'] == 0 else (r['yes'] - r['silent_on_yes']) / r['yes'])} |"
        )
    return "\n".join(lines)


def kinds_table(kinds):
    lines = [
        "| labelled kind | documents | same kind | policylint's kind |",
        "| --- | ---: | ---: | --- |",
    ]
    for k in kinds:
        decided = sorted(k["decided"].items(), key=lambda item: (-item[1], item[0]))
        lines.append(
            f"| `{k['labelled']}` | {k['documents']} | {fraction(k['same_kind'], k['documents'])} "
            f"| {', '.join(f'{kind} {n}' for kind, n in decided)} |"
        )
    return "\n".join(lines)


# The mark of a section copied from an earlier measurement.
CARRIED_OVER = "Not measured at this commit (its folder was not there): the figures of the measurement"


def earlier_sections():
    """The page's sections as it stands, by label file name, each marked with the measurement
    it comes from: a machine without a corpus copies them rather than erase their figures."""
    page = ROOT / "docs" / "accuracy.md"
    if not page.exists():
        return {}
    text = page.read_text()
    stamp = re.search(r"Measured on (\S+) at commit `([^`]+)`", text)
    sections = {}
    for section in re.split(r"\n(?=## `)", text)[1:]:
        lines = section.rstrip("\n").split("\n")
        if stamp and not any(line.startswith(CARRIED_OVER) for line in lines):
            lines = lines[:2] + [f"{CARRIED_OVER} on {stamp[1]} at commit `{stamp[2]}`.", ""] + lines[2:]
        sections[lines[0][len("## `"):].split("`", 1)[0]] = [""] + lines
    return sections


def main():
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "src", "crates/core"], cwd=ROOT).returncode
    revision = commit + (" with uncommitted changes to src/ or crates/core/" if dirty else "")
    today = datetime.date.today().isoformat()
    sets = SETS + [
        (f"../{folder}/{labels}", name, role)
        for folder, halves in EXTRA_CORPORA
        for labels, name, role in halves
    ]
    # A set whose corpus is not on this machine keeps the section of its last measurement.
    earlier = earlier_sections()
    results = [
        (labels, name, role, evaluate(labels) if labels_path(labels).exists() else None)
        for labels, name, role in sets
    ]

    md = [
        "# Accuracy",
        "",
        "How often each rule agrees with a careful reader, measured with `policylint eval` on the",
        "shared corpus (`../shared/corpus`): its two label sets, and 118 more of its documents",
        "labelled blind for this project (`tests/data/labels-dev-extra.toml`,",
        "`tests/data/labels-dev-extra-2.toml` and `tests/data/labels-dev-extra-3.toml`).",
        "Regenerate this page and `accuracy.toml` with",
        "",
        "```sh",
        "cargo build --release && python3 scripts/accuracy.py",
        "```",
        "",
        f"Measured on {today} at commit `{revision}`.",
        "",
        "## Two label sets, two roles",
        "",
        "- **`labels.toml` is the development set.** Read its disagreements (`policylint eval",
        "  ../shared/corpus/labels.toml`) and improve the rules by what they show about meaning.",
        "- **`labels-2.toml` is the validation set.** It was labelled without looking at",
        "  policylint's output, from sources the rules were never written for. Quote its figures. Never",
        "  tune a word list, a frame or a threshold to one of its documents, and never read its",
        "  disagreements to decide what to change: a change that raises the development figure and",
        "  lowers the validation figure is overfitting and is undone.",
        "- **The extra corpus (`../extra-corpus`, when it is there) is a third check.** Six more",
        "  openly licensed sources (the 18F handbook, Artsy's handbook, NumFOCUS's board manual,",
        "  opensource.guide, Postman's career ladders, PyCon's code of conduct), 63 documents",
        "  labelled blind, split by position: `labels-3-dev.toml` is development, `labels-3-test.toml`",
        "  is held out like the validation set. The halves share sources, so the held-out half is a",
        "  check on the rules, not on the development half's lessons.",
        "- **A fourth corpus (`../extra-corpus-4`, when it is there) is a fourth check.** Six more",
        "  sources (the Carpentries handbook, the CHAOSS community handbook, Clef's handbook, Jupyter's",
        "  governance, pyOpenSci's peer review guide, the Rust Forge), 62 documents labelled blind and",
        "  split the same way into `labels-4-dev.toml` and `labels-4-test.toml`.",
        "- **A fifth corpus (`../extra-corpus-5`, when it is there) is a fifth check.** Six more",
        "  sources, chosen for workplace handbooks and role pages (DVELP's cookbook, HackerBay's",
        "  employee handbook, Loomio's co-op handbook, Enspiral's handbook, GDS's technical learning",
        "  pathway, the Financial Times' engineering progression), 61 documents labelled blind and",
        "  split the same way into `labels-5-dev.toml` and `labels-5-test.toml`.",
        "- **A sixth corpus (`../extra-corpus-6`, when it is there) is a sixth check.** Four more",
        "  sources (Codelitt's incubator resources, Hypha's co-operative handbook, the Alan Turing",
        "  Institute's REG handbook, the GDS service design manual), 53 documents labelled blind and",
        "  split the same way into `labels-6-dev.toml` and `labels-6-test.toml`.",
        "- **A seventh corpus (`../extra-corpus-7`, when it is there) is a seventh check.** Four more",
        "  sources (OpenTelemetry's community governance pages, Datica's compliance policies,",
        "  Readify's role ladders, Carvago's career framework), 51 documents labelled blind and split",
        "  the same way into `labels-7-dev.toml` and `labels-7-test.toml`.",
        "- **An eighth corpus (`../extra-corpus-8`, when it is there) is an eighth check.** Four more",
        "  sources (the Apache Software Foundation's community development pages, the Ministry of",
        "  Justice's technical guidance, the UK Home Office's engineering guidance and standards,",
        "  strongDM's SOC 2 policy templates), 40 documents labelled blind and split the same way",
        "  into `labels-8-dev.toml` and `labels-8-test.toml`.",
        "- **A ninth corpus (`../extra-corpus-9`, when it is there) is a ninth check.** Four more",
        "  sources, chosen for role ladders and code-of-conduct enforcement (Django's code of",
        "  conduct, InfraCloud's career ladders, Mozilla's inclusion and enforcement pages, the",
        "  Waypoints engineering levels), 45 documents labelled blind and split the same way into",
        "  `labels-9-dev.toml` and `labels-9-test.toml`.",
        "- **A tenth corpus (`../extra-corpus-10`, when it is there) is a tenth check.** Five more",
        "  sources, chosen for company policies and procedures (Deeson's handbook, Cuesoft's employee",
        "  handbook, Truss's engineering playbook, the OpenSSF technical advisory council,",
        "  freeCodeCamp's moderator handbook), 43 documents labelled blind and split the same way",
        "  into `labels-10-dev.toml` and `labels-10-test.toml`.",
        "- **An eleventh corpus (`../extra-corpus-11`, when it is there) is an eleventh check.** Five",
        "  more sources, chosen for the handbooks of public bodies, non-profits and foundations (the",
        "  Foundation for Public Code, 2i2c's team compass, the OpenWallet Foundation's technical",
        "  advisory council, the Italian digital team's IO handbook, the OpenGov Foundation's HR",
        "  manual), 42 documents labelled blind and split the same way into `labels-11-dev.toml` and",
        "  `labels-11-test.toml`.",
        "- **A twelfth corpus (`../extra-corpus-12`, when it is there) is a twelfth check.** Four",
        "  more sources, chosen for company employee handbooks (source{d}'s guide, P2PU's staff",
        "  handbook, Tarides' company handbook, SmartPath's handbook), 44 documents labelled blind",
        "  and split the same way into `labels-12-dev.toml` and `labels-12-test.toml`.",
        "- **A thirteenth corpus (`../extra-corpus-13`, when it is there) is a thirteenth check.**",
        "  Four more sources, chosen for guidance to staff in research and public service (the",
        "  CompGeoLab and Weecology lab manuals, RSE Sheffield's pages, Skylight's toolkits for",
        "  government and its career pathways), 41 documents labelled blind and split the same way",
        "  into `labels-13-dev.toml` and `labels-13-test.toml`.",
        "- **A fourteenth corpus (`../extra-corpus-14`, when it is there) is a fourteenth check.**",
        "  Five more sources, chosen for the handbooks of government digital teams (the US TTS",
        "  handbook and its tech operations pages, the Canadian Digital Service's talent pages, the",
        "  Australian agriculture department's digital trade handbook, the GDS reliability",
        "  engineering manual), 44 documents labelled blind and split the same way into",
        "  `labels-14-dev.toml` and `labels-14-test.toml`.",
        "- **A fifteenth corpus (`../extra-corpus-15`, when it is there) is a fifteenth check.**",
        "  Four more sources, chosen for the handbooks of consultancies and software companies",
        "  (Artsy's engineering handbook, Countable's operations pages, Hypha's handbook, Meltano's",
        "  handbook), 46 documents labelled blind and split the same way into `labels-15-dev.toml`",
        "  and `labels-15-test.toml`.",
        "- **A sixteenth corpus (`../extra-corpus-16`, when it is there) is a sixteenth check.**",
        "  Five more sources, chosen for role descriptions and governance charters (the Financial",
        "  Times' engineering progression, the GDS service manual's role pages, TTS job postings,",
        "  the OpenTelemetry community, the Rust leadership council), 43 documents labelled blind",
        "  and split the same way into `labels-16-dev.toml` and `labels-16-test.toml`.",
        "- **A seventeenth corpus (`../extra-corpus-17`, when it is there) is a seventeenth check.**",
        "  Four more sources, chosen for guidance to staff in research institutes and university",
        "  groups (the Alan Turing Institute's research engineering handbook, the Fay lab manual,",
        "  the Persson group handbook, the Yau group's information pages), 39 documents labelled",
        "  blind and split the same way into `labels-17-dev.toml` and `labels-17-test.toml`.",
        "- **An eighteenth corpus (`../extra-corpus-18`, when it is there) is an eighteenth check.**",
        "  Four more sources, chosen for the handbooks of civic-tech organisations and government",
        "  contractors (Bixal's techbook, Code for America's brigade knowledge base, CivicActions'",
        "  accessibility playbook, Nava's open source guide), 44 documents labelled blind and split",
        "  the same way into `labels-18-dev.toml` and `labels-18-test.toml`.",
        "- **A nineteenth corpus (`../extra-corpus-19`, when it is there) is a nineteenth check.**",
        "  Five more sources, chosen for community codes of conduct and moderation policies (the",
        "  Carpentries, NumFOCUS's DISCOVER cookbook, Hachyderm, IPFS, Python Discord), 42",
        "  documents labelled blind and split the same way into `labels-19-dev.toml` and",
        "  `labels-19-test.toml`.",
        "- **A twentieth corpus (`../extra-corpus-20`, when it is there) is a twentieth check.**",
        "  Five more sources, chosen for the people-operations policies of companies and",
        "  nonprofits (the Rockefeller Archive Center's staff manual, dbt Labs' archived handbook,",
        "  Giant Swarm's people pages, FlowFuse's people-operations pages, Codelitt's HR",
        "  processes), 39 documents labelled blind and split the same way into",
        "  `labels-20-dev.toml` and `labels-20-test.toml`.",
        "- **A twenty-first corpus (`../extra-corpus-21`, when it is there) is a twenty-first",
        "  check.** Five more sources, chosen for engineering practice (Digital Health and Care",
        "  Wales' software engineering handbook, Google's code review guide, Microsoft's engineering",
        "  playbook, PagerDuty's postmortem guide, the Rust forge's release procedures), 46",
        "  documents labelled blind and split the same way into `labels-21-dev.toml` and",
        "  `labels-21-test.toml`.",
        "- **A twenty-second corpus (`../extra-corpus-22`, when it is there) is a twenty-second",
        "  check.** Four more sources, chosen for information-security policies (Datica's HIPAA",
        "  policies, Lullabot's information security policy, the Node.js security working group's",
        "  processes, the Stacks security handbook), 45 documents labelled blind and split the",
        "  same way into `labels-22-dev.toml` and `labels-22-test.toml`.",
        "- **A twenty-third corpus (`../extra-corpus-23`, when it is there) is a twenty-third",
        "  check.** Five more sources, chosen for the governance policies of foundations and",
        "  nonprofits (the Commonhaus Foundation, the AlmaLinux wiki, Hackerspace Gent's",
        "  blueprint, FINOS's governance pages, the Academy Software Foundation's TAC process), 42",
        "  documents labelled blind and split the same way into `labels-23-dev.toml` and",
        "  `labels-23-test.toml`.",
        "- **A twenty-fourth corpus (`../extra-corpus-24`, when it is there) is a twenty-fourth",
        "  check.** Five more sources, chosen for role guides and job descriptions (the CHAOSS",
        "  community handbook, Google Summer of Code's mentor guide, the Journal of Open Source",
        "  Software's editor and reviewer guides, pyOpenSci's peer-review guide, US-RSE's",
        "  university job descriptions), 40 documents labelled blind and split the same way into",
        "  `labels-24-dev.toml` and `labels-24-test.toml`.",
        "- **A twenty-fifth corpus (`../extra-corpus-25`, when it is there) is a twenty-fifth",
        "  check.** Four more sources, chosen for public-sector guidance to staff (British",
        "  Columbia's policy framework for GitHub, the US Digital Service playbook, the Veterans",
        "  Affairs digital service handbook, New Zealand's NZGOAL software extension), 43",
        "  documents labelled blind and split the same way into `labels-25-dev.toml` and",
        "  `labels-25-test.toml`.",
        "- **A twenty-sixth corpus (`../extra-corpus-26`, when it is there) is a twenty-sixth",
        "  check.** Four more sources, chosen for the handbooks of small and remote companies (Osio",
        "  Labs' employee handbook, Tuist's handbook, Shorebird's handbook, Openline's playbook), 42",
        "  documents labelled blind and split the same way into `labels-26-dev.toml` and",
        "  `labels-26-test.toml`.",
        "- **A twenty-seventh corpus (`../extra-corpus-27`, when it is there) is a twenty-seventh",
        "  check.** Four more sources, chosen for operations guides written for staff (Ubuntu's",
        "  project documentation, Stanford Libraries' developer playbook, the Azure SDK's release",
        "  and support policies, GitHub Desktop's process documents), 39 documents labelled blind",
        "  and split the same way into `labels-27-dev.toml` and `labels-27-test.toml`.",
        "- **A twenty-eighth corpus (`../extra-corpus-28`, when it is there) is a twenty-eighth",
        "  check.** Five more sources, chosen for community moderation and conduct enforcement",
        "  (Safety First PDX, QuiltMC, Creative Commons, Reactiflux, BuildTheEarth), 38 documents",
        "  labelled blind and split the same way into `labels-28-dev.toml` and",
        "  `labels-28-test.toml`.",
        "- **A twenty-ninth corpus (`../extra-corpus-29`, when it is there) is a twenty-ninth",
        "  check.** Four more sources, chosen for single workplace policies of public bodies and",
        "  research labs (the Government of Canada's cloud guardrails, Linux Australia's policies,",
        "  the Morey lab handbook at Cardiff University, the Mobley lab's policies at UC Irvine), 41",
        "  documents labelled blind and split the same way into `labels-29-dev.toml` and",
        "  `labels-29-test.toml`.",
        "- **A thirtieth corpus (`../extra-corpus-30`, when it is there) is a thirtieth check.**",
        "  Five more sources, chosen for role descriptions, charters and career frameworks (Istio's",
        "  and Kubeflow's community documents, PowerShell's maintainer and community documents,",
        "  Hyperledger's TOC documents, Sendwithus's competencies), 42 documents labelled blind and",
        "  split the same way into `labels-30-dev.toml` and `labels-30-test.toml`.",
        "- **A thirty-first corpus (`../extra-corpus-31`, when it is there) is a thirty-first",
        "  check.** Four more sources, chosen for company and team handbook pages on ways of working",
        "  (Wunderkraut's WunderWay handbook, DVELP's cookbook, NCAR's Xdev team handbook, GitHub's",
        "  guide to how engineering communicates), 39 documents labelled blind and split the same",
        "  way into `labels-31-dev.toml` and `labels-31-test.toml`.",
        "- **A thirty-second corpus (`../extra-corpus-32`, when it is there) is a thirty-second",
        "  check.** Four more sources, chosen for engineering and operations process documents",
        "  (DEFRA's software development standards, etcd's contributor and release documents,",
        "  OpenBMC's process documents, CFPB's development guides), 38 documents labelled blind and",
        "  split the same way into `labels-32-dev.toml` and `labels-32-test.toml`.",
        "- **A thirty-third corpus (`../extra-corpus-33`, when it is there) is a thirty-third",
        "  check.** Three more sources, chosen for team charters, values and management guidance",
        "  (the CTO Framework's leadership pages, the Open Organization's guide to distributed",
        "  work, the Sociocracy 3.0 practical guide), 45 documents labelled blind and split the same",
        "  way into `labels-33-dev.toml` and `labels-33-test.toml`.",
        "- **A thirty-fourth corpus (`../extra-corpus-34`, when it is there) is a thirty-fourth",
        "  check.** Five more sources, chosen for HR policies and job descriptions (California's",
        "  digital service job descriptions, Free Law Project's HR pages, Seedscape Ecology's",
        "  policies, Bornfight's handbook, Public Lab's archived wiki), 40 documents labelled blind",
        "  and split the same way into `labels-34-dev.toml` and `labels-34-test.toml`.",
        "- **A thirty-fifth corpus (`../extra-corpus-35`, when it is there) is a thirty-fifth",
        "  check.** Four more sources, chosen for company handbooks with workplace policies and",
        "  career ladders (MarsBased's handbook, Greaterthan's handbook, Etsy's engineering career",
        "  ladder, an L1 to L6 engineering ladder), 48 documents labelled blind and split the same",
        "  way into `labels-35-dev.toml` and `labels-35-test.toml`.",
        "- **A thirty-sixth corpus (`../extra-corpus-36`, when it is there) is a thirty-sixth",
        "  check.** Five more sources, chosen for the handbooks of co-operatives, non-profits,",
        "  university labs and public bodies (Catalyst Cooperative's handbook, the R-Ladies guide,",
        "  the Rife lab manual, the CMS open source program office's guide, HMRC's engineering",
        "  principles and standards), 49 documents labelled blind and split the same way into",
        "  `labels-36-dev.toml` and `labels-36-test.toml`.",
        "- **A thirty-seventh corpus (`../extra-corpus-37`, when it is there) is a thirty-seventh",
        "  check.** Four more sources, chosen for staff policies of companies and charities",
        "  (Obvious's playbook, Student Robotics' operations manual, Major League Hacking's",
        "  policies, OWASP's policies), 41 documents labelled blind and split the same way into",
        "  `labels-37-dev.toml` and `labels-37-test.toml`.",
        "- **A thirty-eighth corpus (`../extra-corpus-38`, when it is there) is a thirty-eighth",
        "  check.** Five more sources, chosen for team agreements, maintainer guides and",
        "  open-source governance (Dwarves' handbook, Knative's community documents, Astropy's",
        "  project policies, Electron's governance, Homebrew's maintainer documents), 50 documents",
        "  labelled blind and split the same way into `labels-38-dev.toml` and",
        "  `labels-38-test.toml`.",
        "- **A thirty-ninth corpus (`../extra-corpus-39`, when it is there) is a thirty-ninth",
        "  check.** Five more sources, chosen for how-to guides, checklists, short policies and",
        "  role descriptions (AsyncAPI's community documents, Cilium's community documents, the",
        "  InnerSource patterns, Dapr's community documents, Very Good Science's handbook), 50",
        "  documents labelled blind and split the same way into `labels-39-dev.toml` and",
        "  `labels-39-test.toml`.",
        "- **A fortieth corpus (`../extra-corpus-40`, when it is there) is a fortieth check.** Six",
        "  more sources, chosen for the handbooks of small companies and non-profits, community",
        "  guides and engineering process pages (Leaf's handbook, DataMade's how-to guides,",
        "  rOpenSci's development guide, Open Life Science's policies, NixOS's organisation",
        "  documents, thoughtbot's guides), 48 documents labelled blind and split the same way into",
        "  `labels-40-dev.toml` and `labels-40-test.toml`.",
        "- **A forty-first corpus (`../extra-corpus-41`, when it is there) is a forty-first",
        "  check.** Four more sources, chosen for the policies and procedure pages of universities,",
        "  research institutes and public services (Princeton University Library's IT handbook,",
        "  Fred Hutch's data science wiki, NeSI's support documents, GovStack's country playbook),",
        "  50 documents labelled blind and split the same way into `labels-41-dev.toml` and",
        "  `labels-41-test.toml`.",
        "- **A forty-second corpus (`../extra-corpus-42`, when it is there) is a forty-second",
        "  check.** Five more sources, chosen for engineering team handbooks and playbooks",
        "  (Rocket.Chat's handbook, ChainSafe's engineering handbook, Futured's engineering",
        "  handbook, Equal Experts' secure delivery playbook, the unified collective's documents),",
        "  48 documents labelled blind and split the same way into `labels-42-dev.toml` and",
        "  `labels-42-test.toml`.",
        "- **A forty-third corpus (`../extra-corpus-43`, when it is there) is development data",
        "  alone.** Five more sources, chosen for operational pages of team handbooks (Lattice's",
        "  employee handbook, The National Archives' engineering handbook, CISA's development",
        "  guide, Teleport's careers pages, Open Web Docs' project documents), 46 documents",
        "  labelled blind into `labels-43-dev.toml`, none held out.",
        "- **A forty-fourth corpus (`../extra-corpus-44`, when it is there) is development data",
        "  alone.** Five more sources, chosen for contributor, maintainer and organiser guides",
        "  (CodeRefinery's manuals, Cloud Foundry's community documents, Tekton's community",
        "  documents, the WordPress community handbook, Flux's community documents), 49 documents",
        "  labelled blind into `labels-44-dev.toml`, none held out.",
        "- **A forty-fifth corpus (`../extra-corpus-45`, when it is there) is a forty-fifth",
        "  check.** Four more sources, chosen for workplace policies and employee-handbook pages",
        "  (PostHog's handbook, Fleet's handbook, Root Systems' co-operative handbook, Sigstore's",
        "  community documents), 40 documents labelled blind and split the same way into",
        "  `labels-45-dev.toml` and `labels-45-test.toml`.",
        "- **A forty-sixth corpus (`../extra-corpus-46`, when it is there) is a forty-sixth",
        "  check.** Six more sources, chosen for governance pages, team charters and role ladders",
        "  (the WHATWG steering group, SunPy's enhancement proposals, TensorFlow's community",
        "  documents, the CD Foundation's technical oversight committee, OpenFeature's community",
        "  documents, Kata Containers' community documents), 50 documents labelled blind and split",
        "  the same way into `labels-46-dev.toml` and `labels-46-test.toml`.",
        "- **A forty-seventh corpus (`../extra-corpus-47`, when it is there) is a forty-seventh",
        "  check.** Five more sources, chosen for the policies and procedure pages of non-profits",
        "  and research bodies (The IO Foundation's policies, ELIXIR's research data management",
        "  kit, the LightForm group's handbook, Electromagnetic Field's volunteer pages, DataKind's",
        "  volunteer playbook), 49 documents labelled blind and split the same way into",
        "  `labels-47-dev.toml` and `labels-47-test.toml`.",
        "- **A forty-eighth corpus (`../extra-corpus-48`, when it is there) is a forty-eighth",
        "  check.** Six more sources, chosen for engineering and analysis handbooks (Joyent's",
        "  requests for discussion, Zalando's open-source pages, the Humanitarian OpenStreetMap",
        "  Team's documents, NHS Digital's RAP community of practice, the ONS guidance on quality",
        "  assurance of code, a career-paths ladder), 49 documents labelled blind and split the",
        "  same way into `labels-48-dev.toml` and `labels-48-test.toml`.",
        "",
        "A corpus beside the repository is measured only when its folder is there. A set whose",
        "folder was missing keeps the section of its last measurement, marked with the commit it",
        "was measured at.",
        "",
        "Each set also compares kinds: for each labelled kind (`code` is the `policy` kind's other",
        "name), how many of its documents policylint gave the same kind.",
        "",
        "Only rules that answer for a labelled axis are scored: `purpose-missing`, `people-missing`,",
        "`process-missing` and `measures-missing`.",
        "",
        "Balanced accuracy is the mean of two rates: the share of documents labelled `no` that the",
        "rule fires on, and the share labelled `yes` it leaves alone. A rule that always fires (or",
        "never does) scores 50%. `partial` labels are never scored, and neither are documents whose",
        "labelled kind the rule does not judge (`other` pages for the built-in rules).",
        "",
        "The test suite reads the figures of `labels.toml` and `labels-2.toml` from",
        "`docs/accuracy.toml` and fails when a rule falls more than two points below them. The",
        "other parts of the development set have too few `no` labels for a floor: one",
        "document moves a figure by fifty points.",
    ]
    floor = [
        "# Balanced accuracy per rule on the shared corpus's label sets, written by",
        "# scripts/accuracy.py with docs/accuracy.md. tests/external/corpus.rs fails when a rule falls more",
        "# than two points below these figures.",
    ]
    for labels, name, role, report in results:
        if report is None:
            md += earlier.get(labels.rsplit("/", 1)[-1], [])
            continue
        md += [
            "",
            f"## `{labels.rsplit('/', 1)[-1]}`: the {name}",
            "",
            f"{report['documents']} labelled documents, {report['linted']} linted; {role}.",
            "",
            table(report["rules"]),
            "",
            "Kinds, as labelled and as policylint decided them:",
            "",
            kinds_table(report["kinds"]),
            "",
            "Per source:",
            "",
            "| source | documents | " + " | ".join(f"`{r['rule']}`" for r in report["rules"]) + " |",
            "| --- | ---: | " + " | ".join("---:" for _ in report["rules"]) + " |",
        ]
        for group in report["groups"]:
            cells = [percent(r["balanced_accuracy"]) for r in group["rules"]]
            md.append(f"| `{group['group']}` | {group['documents']} | " + " | ".join(cells) + " |")
        if labels.startswith(("tests/", "../")):
            # Too few `no` labels for a floor: one document moves a figure by 50 points.
            continue
        floor += ["", "[[set]]", f'labels = "{labels}"', "[set.balanced]"]
        for r in report["rules"]:
            if r["balanced_accuracy"] is not None:
                floor.append(f'{r["rule"]} = {r["balanced_accuracy"]}')
    (ROOT / "docs" / "accuracy.md").write_text("\n".join(md) + "\n")
    (ROOT / "docs" / "accuracy.toml").write_text("\n".join(floor) + "\n")


if __name__ == "__main__":
    main()
