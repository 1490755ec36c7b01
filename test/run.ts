// Runs one of the project's TypeScript entry points (CLI, start) as a child process, as a user would.
import { spawn } from "node:child_process";
import path from "node:path";

const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

export type RunResult = { code: number | null; stdout: string; stderr: string };

export function runScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, "--conditions=react-server", script, ...args], {
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
