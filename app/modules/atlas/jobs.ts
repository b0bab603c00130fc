import type { JobsModule } from "~/kernel/modules";
import { GEOCODE_JOB, runGeocodeJob } from "./geocoder";

/** The atlas's background jobs: the geocoder for addresses the register lacks (decision 0053). */
export const handlers: JobsModule["handlers"] = { [GEOCODE_JOB]: runGeocodeJob };
