import type { Database } from "./db/client";

/** A command of `npm run cli`; modules contribute theirs through the `cli` entry of their manifest. */
export interface CliCommand {
  summary: string;
  usage: string;
  /** Options in node:util parseArgs form. */
  options?: Record<string, { type: "string" | "boolean"; short?: string }>;
  run(
    db: Database,
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    log: (m: string) => void,
  ): Promise<void>;
}

/** An error the CLI prints as it is (German, no stack trace) and exits with 1. */
export class CliError extends Error {}
