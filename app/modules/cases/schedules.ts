import type { SchedulesModule } from "~/kernel/modules";
import { retentionTask } from "./retention/schedules";

// The module's periodic tasks (decision 0048). The quarterly aggregates stay a deliberate act
// (cases:aggregates): publishing a quarter is a decision, not a timer's.
export const schedules: SchedulesModule["schedules"] = [retentionTask];
