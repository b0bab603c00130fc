// The bodies module's public API (the only file other modules may import; eslint rule
// teilhabe/module-boundaries): a body's composition, for the concept's adopting decisions later.
export { composition, findBody, type Seat } from "./service";
// OParl 1.1 (decision 0026): the read-only endpoint the server mounts at /oparl/v1.
export { oparlRouter } from "./oparl/publish";
