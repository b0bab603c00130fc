import type { CliCommand } from "~/kernel/cli";
import { commands as eligibility } from "./eligibility/cli";

// The module's commands, one block per slice.
export const commands: Record<string, CliCommand> = {
  // Eligibility rules: new versions of a rule (platform administration).
  ...eligibility,
};
