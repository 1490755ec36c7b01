// Runs one of the project's TypeScript entry points (CLI, start) as a child process, as a user would.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const tsxDist = path.join(process.cwd(), "node_modules", "tsx", "dist");

/**
 * Node arguments that run a TypeScript script with tsx's loader in this very process (not via
 * tsx's CLI, which would put a parent process in between: a kill would hit the parent and the
 * script would live on).
 */
export function tsxNodeArgs(script: string, args: string[] = []): string[] {
  return [
    "--require",
    path.join(tsxDist, "preflight.cjs"),
    "--import",
    pathToFileURL(path.join(tsxDist, "loader.mjs")).href,
    "--conditions=react-server",
    script,
    ...args,
  ];
}

export type RunResult = { code: number | null; stdout: string; stderr: string };

export function runScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsxNodeArgs(script, args), {
      env: { ...process.env, TEST_DATABASE_URL: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
