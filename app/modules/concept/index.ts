// The concept module's public API (the only file other modules may import): its Handlungsfelder, for
// the participation module's Fachgespräche.
export { listHandlungsfelder } from "./services/concept";
