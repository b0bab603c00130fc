import { accessMatrix } from "../support/access-matrix";

// One part of the route × role × tenant walk (see tests/support/access-matrix.ts).
accessMatrix(["anonymous", "partner", "viewer", "editor", "admin"], { get: true });
