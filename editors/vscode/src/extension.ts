// Starts `policylint server` for the documents policylint reads and restarts it when the
// settings change. The server does the linting; this file only finds it and passes options.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  Executable,
  LanguageClient,
  LanguageClientOptions,
} from "vscode-languageclient/node";

const LANGUAGES = ["markdown", "plaintext", "html", "restructuredtext", "asciidoc"];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("policylint.restart", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("policylint")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function start(): Promise<void> {
  const settings = vscode.workspace.getConfiguration("policylint");
  const configured = settings.get<string>("path", "").trim();
  const command = configured ? resolveConfigured(configured) : findOnPath("policylint");
  if (!command) {
    const where = configured
      ? `at ${configured} (the setting policylint.path)`
      : "on PATH";
    const choice = await vscode.window.showErrorMessage(
      `policylint: the policylint binary was not found ${where}. Install it ` +
        "(cargo install --git https://github.com/OWNER/policylint, or a release binary) " +
        "or set policylint.path to where it is.",
      "Open settings",
    );
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "policylint.path");
    }
    return;
  }
  const executable: Executable = { command, args: ["server", ...serverArgs(settings)] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
  };
  client = new LanguageClient(
    "policylint",
    "policylint",
    { run: executable, debug: executable },
    clientOptions,
  );
  await client.start();
}

/** The command-line options of `policylint server` that the settings ask for. */
function serverArgs(settings: vscode.WorkspaceConfiguration): string[] {
  const args: string[] = [];
  const config = settings.get<string>("config", "").trim();
  if (config) {
    args.push("--config", config);
  }
  for (const pack of settings.get<string[]>("rules", [])) {
    args.push("--rules", pack);
  }
  if (settings.get<boolean>("noDefaultRules", false)) {
    args.push("--no-default-rules");
  }
  const select = settings.get<string[]>("select", []);
  if (select.length > 0) {
    args.push("--select", select.join(","));
  }
  const ignore = settings.get<string[]>("ignore", []);
  if (ignore.length > 0) {
    args.push("--ignore", ignore.join(","));
  }
  const maxFileSize = settings.get<string>("maxFileSize", "").trim();
  if (maxFileSize) {
    args.push("--max-file-size", maxFileSize);
  }
  const maxParseTime = settings.get<number | null>("maxParseTime", null);
  if (maxParseTime !== null) {
    args.push("--max-parse-time", String(maxParseTime));
  }
  return args;
}

/** A configured path, relative ones from the first workspace folder; undefined when absent. */
function resolveConfigured(configured: string): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const full = path.isAbsolute(configured) || !folder ? configured : path.join(folder, configured);
  return isExecutable(full) ? full : undefined;
}

/** The first executable `name` in the folders of PATH. */
function findOnPath(name: string): string | undefined {
  const names = process.platform === "win32" ? [`${name}.exe`, name] : [name];
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const candidate of names) {
      const full = path.join(folder, candidate);
      if (folder && isExecutable(full)) {
        return full;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
