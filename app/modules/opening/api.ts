import type { Router } from "express";
import type { Database } from "~/kernel/db/client";
import type { ApiOptions } from "~/kernel/api/endpoint";
import { registerPartnersApi } from "./partners/api";
import { registerSealApi } from "./seal/api";

// The module's REST endpoints: each part registers its own (partners/: GET /t/{slug}/partners;
// seal/: GET /t/{slug}/seal-holders).
export function registerApi(router: Router, db: Database, opts: ApiOptions) {
  registerPartnersApi(router, db, opts);
  registerSealApi(router, db, opts);
}
