// The atlas module's public API (the only file other modules, the server and benchmarks may
// import; eslint rule teilhabe/module-boundaries): searching the published directory. Server-only.
export { publicAreas, searchEntries, SearchFilters, textQuery } from "./service";
