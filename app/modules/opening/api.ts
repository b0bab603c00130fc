import type { Router } from "express";
import type { Database } from "~/kernel/db/client";
import type { ApiOptions } from "~/kernel/api/endpoint";
import { registerSealApi } from "./seal/api";

// The module's API: each part registers its endpoints.
export function registerApi(router: Router, db: Database, opts: ApiOptions) {
  registerSealApi(router, db, opts);
}
