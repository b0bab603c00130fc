// The bodies module's public API (the only file other modules may import; eslint rule
// teilhabe/module-boundaries): a body's composition, for the concept's adopting decisions later.
export { composition, findBody, type Seat } from "./service";
